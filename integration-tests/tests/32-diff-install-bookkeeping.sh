#!/bin/bash
# After an install, `trydeb diff` lists what the package shipped (attributed to the package)
# and dpkg's bookkeeping that really changed (attributed to its maintainer scripts), but not
# the directories trydeb prepared, the state files it copied unchanged, dpkg's log or its
# backup of the status.
. "$ITEST_DIR/lib.sh"

deb=$(make_pkg trydeb-book 1.4 --file /usr/share/trydeb-book/data "book" \
    --exe /usr/bin/trydeb-book $'#!/bin/sh\necho book')
assert_exit 0 td install "$deb"
tx=$(tx_of trydeb-book)
by_pkg=$(attr_pkg trydeb-book 1.4)
by_scripts=$(attr_scripts trydeb-book "$tx")

assert_exit 0 td diff
full=$OUT
note "trydeb diff:"$'\n'"$full"
assert_diff_format "$full"

# shipped
assert_diff_has "$full" added /usr/share/trydeb-book/data "$by_pkg"
assert_diff_has "$full" added /usr/bin/trydeb-book "$by_pkg"
assert_diff_has "$full" new-directory /usr/share/trydeb-book "$by_pkg"

# dpkg's bookkeeping
assert_diff_has "$full" modified /var/lib/dpkg/status "$by_scripts"
assert_diff_has "$full" added /var/lib/dpkg/info/trydeb-book.list "$by_scripts"
# dpkg logs nowhere in the environment (the store's transactions are its log), and its
# backup of the status is dropped: neither would be more than a copy of the host's.
assert_diff_lacks "$full" /var/log/dpkg.log "dpkg's log was written into the environment"
assert_diff_lacks "$full" /var/lib/dpkg/status-old "dpkg's backup of its status was kept"

# prepared directories and state files copied unchanged
for p in /usr /usr/share /usr/bin /var /var/lib /var/lib/dpkg /var/lib/dpkg/info /var/log /etc; do
    assert_diff_lacks "$full" "$p" "the host's directory $p is listed as a change"
done
for p in /var/lib/dpkg/lock /var/lib/dpkg/lock-frontend /var/lib/dpkg/triggers/Lock \
    /var/lib/dpkg/diversions /var/lib/dpkg/statoverride /var/cache/debconf/config.dat \
    /var/cache/debconf/templates.dat /var/cache/debconf/passwords.dat; do
    [[ -e "$p" ]] && assert_diff_lacks "$full" "$p" "$p, unchanged by the install, is listed as a change"
done
# nothing of that is suspicious
assert_exit 0 td diff --suspicious
assert_eq "no changes" "$OUT" "trydeb diff --suspicious after installing an ordinary package"

# the JSON of the bookkeeping
assert_exit 0 td diff --json
rows=$(diff_json_rows "$OUT_FILE")
row=$(awk -F'\t' '$1 == "/var/lib/dpkg/status"' <<<"$rows")
IFS=$'\t' read -r _ j_kind j_source j_pkg _ j_tx j_susp <<<"$row"
assert_eq "modified maintainer-script trydeb-book $tx null" "$j_kind $j_source $j_pkg $j_tx $j_susp" \
    "kind, source, package, transaction and suspicious of /var/lib/dpkg/status in --json"
