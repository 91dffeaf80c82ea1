#!/bin/bash
# `trydeb diff` of an environment without changes (new, or after reset) prints "no changes",
# and "[]" with --json, with exit status 0.
. "$ITEST_DIR/lib.sh"

assert_exit 0 td diff
assert_eq "no changes" "$OUT" "trydeb diff of a new environment"
assert_eq "" "$ERR" "stderr of trydeb diff of a new environment"
assert_exit 0 td diff --json
assert_eq "[]" "$(tr -d ' \n' <<<"$OUT")" "trydeb diff --json of a new environment"
assert_exit 0 td diff --suspicious
assert_eq "no changes" "$OUT" "trydeb diff --suspicious of a new environment"

deb=$(make_pkg trydeb-nochange 1.0 --file /usr/share/trydeb-nochange/data "x" --postinst "$RT_POSTINST")
assert_exit 0 td install "$deb"
assert_exit 0 td run --exec sh -- -c "echo x > $RT_DIR/x"
assert_exit 0 td diff
assert_diff_has "$OUT" added /usr/share/trydeb-nochange/data "$(attr_pkg trydeb-nochange 1.0)"
assert_diff_has "$OUT" added "$RT_DIR/x" runtime

# filters that match nothing
assert_exit 0 td diff --path /srv/trydeb-nothing-here
assert_eq "no changes" "$OUT" "trydeb diff --path of a prefix without changes"
assert_exit 0 td diff --suspicious
assert_eq "no changes" "$OUT" "trydeb diff --suspicious without suspicious changes"
assert_exit 0 td diff --suspicious --json
assert_eq "[]" "$(tr -d ' \n' <<<"$OUT")" "trydeb diff --suspicious --json without suspicious changes"

assert_exit 0 td reset
assert_exit 0 td diff
assert_eq "no changes" "$OUT" "trydeb diff after reset"
assert_exit 0 td diff --json
assert_eq "[]" "$(tr -d ' \n' <<<"$OUT")" "trydeb diff --json after reset"
