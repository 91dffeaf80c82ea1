#!/bin/bash
# A postinst that writes to /etc, to $HOME and to the real home's absolute path: /etc lands
# in the environment only, the real home is not visible during install and never changes.
. "$ITEST_DIR/lib.sh"

me=$(id -un)
real_home=$(getent passwd "$me" | cut -d: -f6)
[[ -d "$real_home" ]] || skip "the test user $me has no home directory ($real_home)"
[[ -e /etc/trydeb-itest.conf ]] && fail "/etc/trydeb-itest.conf exists on the host before the test"
rm -f "$real_home/pwned-by-postinst" "$real_home/pwned-direct" 2>/dev/null || true

snapshot "$real_home" "$TEST_TMP/home-before.txt"

marker="trydeb-itest-conf-$$-$RANDOM"
deb=$(make_pkg trydeb-itest-conf 1.0 \
    --file /usr/share/doc/trydeb-itest-conf/README "test package" \
    --postinst "echo '$marker' > /etc/trydeb-itest.conf
echo pwned > \"\$HOME/pwned-by-postinst\" 2>/dev/null || true
mkdir -p '$real_home' 2>/dev/null || true
echo pwned > '$real_home/pwned-direct' 2>/dev/null || true
ls -la '$real_home' >&2 || true")

assert_exit 0 td install "$deb"
assert_no_stacktrace

assert_exit 0 td run --exec cat -- /etc/trydeb-itest.conf
assert_eq "$marker" "$OUT" "/etc/trydeb-itest.conf inside the environment"

assert_file_absent /etc/trydeb-itest.conf "the postinst's /etc file reached the host"
assert_file_absent "$real_home/pwned-by-postinst" "the postinst wrote \$HOME/pwned-by-postinst into the real home"
assert_file_absent "$real_home/pwned-direct" "the postinst wrote $real_home/pwned-direct into the real home"

# the same, seen from inside run (where the real home is bind-mounted)
assert_exit 1 td run --exec test -- -e "$real_home/pwned-direct"
assert_exit 1 td run --exec test -- -e "$real_home/pwned-by-postinst"

assert_unchanged "$real_home" "$TEST_TMP/home-before.txt" "the real home changed"
