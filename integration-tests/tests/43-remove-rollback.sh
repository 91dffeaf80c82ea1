#!/bin/bash
# remove is a transaction of its own (dpkg removes the files: whiteouts in a new layer), and
# rollback drops the newest transactions: the removed package comes back, then goes with
# the install it came from.
. "$ITEST_DIR/lib.sh"

deb=$(make_pkg trydeb-removable 1.0 --exe /usr/bin/trydeb-removable $'#!/bin/sh\necho still here')
assert_exit 0 td install "$deb"
assert_exit 0 td run trydeb-removable
assert_eq "still here" "$OUT"

# TRYDEB_TIMINGS: each phase's time on stderr, in order (integration-tests/bench reads the sandbox's)
assert_exit 0 as_user env TRYDEB_TIMINGS=1 "$TRYDEB" remove trydeb-removable
assert_no_stacktrace
assert_contains "$OUT" "Removing trydeb-removable"
assert_eq "open recovery state plan confirmation prepare sandbox record" \
    "$(sed -n 's/^trydeb: timing: \([a-z]*\) [0-9]* ms$/\1/p' <<<"$ERR" | tr '\n' ' ' | sed 's/ $//')" \
    "TRYDEB_TIMINGS's phases on stderr"
assert_exit 0 td list
assert_not_contains "$OUT" "trydeb-removable" "list after remove"
assert_exit 0 td shell -- -c 'test -e /usr/bin/trydeb-removable && echo present; dpkg-query -W -f "\${Status}" trydeb-removable 2>&1 || true'
assert_not_contains "$OUT" "present" "the program is still there after remove"
assert_not_contains "$OUT" "install ok installed" "dpkg still lists the package"
assert_exit 0 td diff
assert_not_contains "$OUT" "/usr/bin/trydeb-removable" "diff (against the host) shows a package installed and removed again"

assert_exit 2 td remove trydeb-never-installed
assert_last_line_error "trydeb-never-installed"

assert_exit 0 td rollback
assert_contains "$OUT" "remove"
assert_exit 0 td run trydeb-removable
assert_eq "still here" "$OUT" "the package is back after rolling back its removal"

assert_exit 0 td rollback
assert_exit 0 td list
assert_not_contains "$OUT" "trydeb-removable" "list after rolling back the install"
assert_exit 0 td shell -- -c 'test -e /usr/bin/trydeb-removable && echo present || echo absent'
assert_eq "absent" "$OUT"
assert_exit 2 td rollback
assert_last_line_error "0 transaction"
