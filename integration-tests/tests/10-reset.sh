#!/bin/bash
# reset removes an environment's packages, layers and records; other environments keep theirs.
. "$ITEST_DIR/lib.sh"

r=$(make_pkg trydeb-r 1.0 --exe /usr/bin/trydeb-r $'#!/bin/sh\necho trydeb-r runs')
o=$(make_pkg trydeb-o 1.0 --exe /usr/bin/trydeb-o $'#!/bin/sh\necho trydeb-o runs')

assert_exit 0 td install "$r"
assert_exit 0 td --env other install "$o"
assert_exit 0 td run trydeb-r
assert_eq "trydeb-r runs" "$OUT"
[[ -n "$(ls -A "$(envs_dir)/default" 2>/dev/null)" ]] || fail "no $(envs_dir)/default after an install: $(ls -R "$(store_dir)" 2>&1 | head -n 20)"
snapshot "$(envs_dir)/other" "$TEST_TMP/other-before.txt"

assert_exit 0 td reset
assert_no_stacktrace

d="$(envs_dir)/default"
if [[ -e "$d" && -n "$(ls -A "$d" 2>/dev/null)" ]]; then
    fail "$d is still there after reset:"$'\n'"$(ls -la "$d")"
fi
assert_unchanged "$(envs_dir)/other" "$TEST_TMP/other-before.txt" "reset of default changed the environment 'other'"

assert_exit 0 td list
assert_eq "" "$OUT" "trydeb list after reset"
assert_exit 0 td list --json
assert_eq "[]" "$(tr -d ' \n\t' <<<"$OUT")" "trydeb list --json after reset"

assert_exit 2 td run trydeb-r
assert_one_line_error trydeb-r
assert_exit 1 td run --exec test -- -e /usr/bin/trydeb-r

# the other environment is independent
assert_exit 0 td --env other list
assert_eq "trydeb-o" "$(awk 'NF { print $1 }' <<<"$OUT")" "trydeb --env other list"
assert_exit 0 td --env other run trydeb-o
assert_eq "trydeb-o runs" "$OUT"
assert_exit 2 td --env other run trydeb-r

# the reset environment is usable again
assert_exit 0 td install "$r"
assert_exit 0 td run trydeb-r
assert_eq "trydeb-r runs" "$OUT"
