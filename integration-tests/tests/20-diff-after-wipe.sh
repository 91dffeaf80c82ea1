#!/bin/bash
# After a postinst running `rm -rf --no-preserve-root /`: when the install failed, `trydeb
# diff` shows what it showed before (nothing of the hostile package); when it succeeded, the
# deletions are listed as "deleted" by that package's maintainer scripts. The real home stays
# as it was (the runner checks the host).
. "$ITEST_DIR/lib.sh"

token="wipe-$$-$RANDOM"
home=$(real_home)
[[ -d "$home" ]] || skip "the test user has no home directory ($home)"
canary="$home/.trydeb-itest-$token"
echo canary >"$canary"
on_exit "rm -f '$canary'"
home_snapshot "$TEST_TMP/home-before.txt" "$token"

good=$(make_pkg trydeb-wgood 1.0 --file /usr/share/trydeb-wgood/data "good")
wipe=$(make_pkg trydeb-wipe 1.0 --file /usr/share/trydeb-wipe/README "wipe" \
    --postinst 'set +e
rm -rf --no-preserve-root / 2>/dev/null
exit 0')

assert_exit 0 td install "$good"
assert_exit 0 td diff
before=$OUT
assert_diff_format "$before"
assert_diff_has "$before" added /usr/share/trydeb-wgood/data "$(attr_pkg trydeb-wgood 1.0)"
assert_exit 0 td diff --json
json_before=$(diff_json_rows "$OUT_FILE")

run_cmd timeout 240 "$TRYDEB" install "$wipe"
install_rc=$RC
note "install of the wiping package exited $install_rc"
((install_rc != 124)) || fail "the wiping install did not finish within 240s"
assert_no_stacktrace

[[ -f "$canary" ]] || fail "the canary in the real home is gone"
assert_home_unchanged "$TEST_TMP/home-before.txt" "$token"

assert_exit 0 td diff
after=$OUT
assert_diff_format "$after"
if ((install_rc != 0)); then
    note "the install failed: the environment must be as it was"
    assert_eq "$before" "$after" "trydeb diff after the failed install (compared with before it)"
    assert_not_contains "$after" "trydeb-wipe" "trydeb diff names the package whose install failed"
    assert_exit 0 td diff --json
    json_after=$(diff_json_rows "$OUT_FILE")
    assert_eq "$json_before" "$json_after" "trydeb diff --json after the failed install"
else
    note "the install succeeded: the deletions must be in the diff"
    tx=$(tx_of trydeb-wipe)
    by_scripts=$(attr_scripts trydeb-wipe "$tx")
    deleted=$(diff_changes "$after" | awk -F'\t' '$1 == "deleted"')
    [[ -n "$deleted" ]] || fail "the install of a package whose postinst ran rm -rf / succeeded, and trydeb diff lists no deletion:"$'\n'"$(head -n 50 <<<"$after")"
    wrong=$(awk -F'\t' -v a="$by_scripts" '$3 != a' <<<"$deleted" | head -n 20)
    [[ -z "$wrong" ]] || fail "deletions not attributed to '$by_scripts':"$'\n'"$wrong"
    # /etc/passwd (or a directory above it) is among the deletions
    grep -qE $'^deleted\t(/etc|/etc/passwd)\t' <<<"$deleted" ||
        fail "neither /etc nor /etc/passwd is listed as deleted:"$'\n'"$(head -n 50 <<<"$deleted")"
    kinds=$(cut -f1 <<<"$(diff_changes "$after")" | sort -u | tr '\n' ' ')
    note "kinds in the diff: $kinds"
fi
