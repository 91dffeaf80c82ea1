#!/bin/bash
# A saved run plan the helper cannot use in full (no args record, a wrong magic line, cut
# short, empty) sends the run back to Java, which plans it again: the program runs with its
# arguments.
. "$ITEST_DIR/lib.sh"

deb=$(make_pkg trydeb-saved 1.0 --exe /usr/bin/trydeb-saved $'#!/bin/sh\necho "saved $*"')
assert_exit 0 td install "$deb"
assert_exit 0 td run trydeb-saved
plan="$(envs_dir)/default/run-cache/trydeb-saved"
[[ -f "$plan" ]] || fail "no saved plan at $plan after a run"
good="$TEST_TMP/good-plan"
cp "$plan" "$good"
assert_exit 0 without_java td run trydeb-saved first
assert_eq "saved first" "$OUT" "the intact plan, without Java"

for damage in no-args bad-magic cut-short empty; do
    case $damage in
        no-args) perl -0777 -pe 's/\0args\0.*//s' "$good" >"$TEST_TMP/damaged" ;;
        bad-magic) perl -0777 -pe 's/^trydeb-run-cache 1/trydeb-run-cache 9/' "$good" >"$TEST_TMP/damaged" ;;
        cut-short) head -c "$(($(stat -c %s "$good") / 2))" "$good" >"$TEST_TMP/damaged" ;;
        empty) : >"$TEST_TMP/damaged" ;;
    esac
    cmp -s "$good" "$TEST_TMP/damaged" && fail "the $damage copy is the intact plan"
    cp "$TEST_TMP/damaged" "$plan"
    assert_exit 0 td run trydeb-saved "$damage"
    assert_eq "saved $damage" "$OUT" "a run from a plan damaged by $damage"
    assert_no_stacktrace
done
