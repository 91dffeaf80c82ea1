#!/bin/bash
# `trydeb compact` merges layers without changing what the environment shows: files added,
# replaced and deleted, a host package removed (its files hidden by whiteouts), a directory
# that became a file and a file that became a directory, and a directory emptied and refilled
# (opaque). The tree seen inside (names, types, modes, owners, sizes, contents) and the kinds
# `diff` reports are the same before and after.
. "$ITEST_DIR/lib.sh"

host_pkg=jq
dpkg-query -W -f '${Status}' "$host_pkg" 2>/dev/null | grep -q 'ok installed' || skip "the host lacks $host_pkg"

a=$(make_pkg trydeb-ca 1.0 --file /usr/share/trydeb-ca/keep "a keep" --file /usr/share/trydeb-ca/gone "a gone" \
    --postinst "mkdir -p /etc/trydeb-c/dir/sub /etc/trydeb-c/file-later /var/lib/trydeb-c
echo one > /etc/trydeb-c/dir/sub/one
echo was-a-file > /etc/trydeb-c/dir-later
echo two > /etc/trydeb-c/file-later/two
chown 1:1 /var/lib/trydeb-c; chmod 0750 /var/lib/trydeb-c")
b=$(make_pkg trydeb-cb 1.0 --file /usr/share/trydeb-cb/b "b" \
    --postinst "rm -f /usr/share/trydeb-ca/gone /etc/trydeb-c/dir-later
mkdir /etc/trydeb-c/dir-later && echo now-a-dir > /etc/trydeb-c/dir-later/x
rm -rf /etc/trydeb-c/file-later && echo now-a-file > /etc/trydeb-c/file-later
rm -rf /etc/trydeb-c/dir && mkdir -p /etc/trydeb-c/dir && echo fresh > /etc/trydeb-c/dir/fresh
echo changed >> /usr/share/trydeb-ca/keep")
c=$(make_pkg trydeb-cc 1.0 --file /usr/share/trydeb-cc/c "c" \
    --postinst "echo again > /etc/trydeb-c/dir/sub-again; chmod 0700 /etc/trydeb-c/dir")

assert_exit 0 td install "$a"
assert_exit 0 td install "$b"
# a host package's program runs through the environment (install says it has it already) ...
assert_exit 0 td run "$host_pkg" -- --version
assert_contains "$OUT" "jq-"
assert_exit 0 td remove -y "$host_pkg"
# ... until the environment removes the package
assert_exit 2 td run "$host_pkg" -- --version
assert_contains "$ERR" "is not installed in environment"
# and list says so
assert_exit 0 td list
grep -q "^$host_pkg .*removed from host\$" <<<"$OUT" || fail "list does not show $host_pkg as removed from host: $OUT"
assert_exit 0 td install "$c"

view='find /usr/share/trydeb-ca /usr/share/trydeb-cb /usr/share/trydeb-cc /etc/trydeb-c /var/lib/trydeb-c /usr/bin/jq /usr/share/doc/jq \
    -printf "%p %y %m %U:%G %s\n" 2>&1 | sort
find /usr/share/trydeb-ca /usr/share/trydeb-cb /usr/share/trydeb-cc /etc/trydeb-c -type f -exec md5sum {} + | sort
ls /usr/share/doc | grep -c . ; ls /usr/bin | grep -c .'
assert_exit 0 td run --exec sh -- -c "$view"
before=$OUT
note "the view before:"$'\n'"$before"
assert_contains "$before" "/usr/bin/jq"   # find's complaint: removed
assert_not_contains "$before" "/usr/bin/jq f"
assert_contains "$before" "/etc/trydeb-c/dir-later d"
assert_contains "$before" "/etc/trydeb-c/file-later f"
assert_not_contains "$before" "/etc/trydeb-c/dir/sub/one"
assert_exit 0 td diff
diff_before=$(awk '{ print $1, $2 }' <<<"$OUT" | sort)

assert_exit 0 td compact
assert_contains "$OUT" "Merged 4 layers"
assert_exit 0 td run --exec sh -- -c "$view"
assert_eq "$before" "$OUT" "the environment's view after compact"
assert_exit 0 td diff
assert_eq "$diff_before" "$(awk '{ print $1, $2 }' <<<"$OUT" | sort)" "the paths and kinds diff reports after compact"
assert_exit 0 td list
assert_contains "$OUT" "trydeb-ca"
assert_contains "$OUT" "trydeb-cc"
