#!/bin/bash
# itest: changes-host
# Host drift the other way: the host removes a package that an environment's package needs.
# run says so (one line naming both), and the next install plans bringing it back with apt,
# shown and confirmed like any plan, instead of failing on apt's "Unmet dependencies".
. "$ITEST_DIR/lib.sh"

host_pkg=sl
if dpkg-query -W -f '${Status}' "$host_pkg" 2>/dev/null | grep -q 'installed'; then
    skip "the host has $host_pkg installed already"
fi
needs=$(make_pkg trydeb-needs-sl 1.0 --depends "$host_pkg" \
    --exe /usr/bin/trydeb-needs-sl $'#!/bin/sh\n/usr/games/sl -h >/dev/null 2>&1; test -x /usr/games/sl && echo sl is there')
other=$(make_pkg trydeb-other 1.0 --exe /usr/bin/trydeb-other $'#!/bin/sh\necho other')
chmod -R a+rX "$TEST_TMP/pkgs"
on_exit "DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $host_pkg >/dev/null 2>&1 || true"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$host_pkg" >/dev/null || skip "cannot install $host_pkg on the host"
assert_exit 0 td install "$needs"
assert_not_contains "$OUT" "Downloading" # the host's sl met the dependency: no apt
assert_exit 0 td run trydeb-needs-sl
assert_eq "sl is there" "$OUT"

DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$host_pkg" >/dev/null

run_cmd td run trydeb-needs-sl
assert_contains "$ERR" "lacks what trydeb-needs-sl needs ($host_pkg"
assert_contains "$ERR" "the next 'trydeb install' plans bringing it back"

# without -y and without a terminal the fix is refused like any plan that does more than asked
run_cmd td install "$other" </dev/null
assert_eq 2 "$RC" "an unconfirmed fix: $ERR"
assert_exit 0 td install -y "$other"
assert_contains "$OUT" "$host_pkg"
assert_exit 0 td run trydeb-needs-sl
assert_eq "sl is there" "$OUT"
assert_exit 0 td run trydeb-other
assert_eq "other" "$OUT"
assert_exit 0 td list
assert_contains "$OUT" "$host_pkg "
# and the note is gone
run_cmd td run trydeb-needs-sl
assert_not_contains "$ERR" "lacks what"
