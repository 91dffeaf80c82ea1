#!/bin/bash
# `run --ephemeral` and `shell --ephemeral`: the program sees the environment and its own
# writes, which are discarded at exit; the environment's files are byte-identical afterwards.
# --diff-on-exit prints the run's own changes on stderr (compared with the environment as the
# run found it) and keeps the program's exit status.
. "$ITEST_DIR/lib.sh"
# from home, which the sandbox shows as it is (from the tests' /tmp, run would say that it
# starts in home, and this test checks stderr as a whole)
cd "$HOME" || fail "cannot enter $HOME"

deb=$(make_pkg trydeb-eph 1.0 --file /usr/share/trydeb-eph/data "eph" --postinst "$RT_POSTINST")
assert_exit 0 td install "$deb"
# an ordinary run first: the runtime layer exists and holds three files
assert_exit 0 td run --exec sh -- -c "echo keep > $RT_DIR/keep && echo keep2 > $RT_DIR/keep2 && echo keep3 > $RT_DIR/keep3"
# (the diff is compared at the end, so that a missing `trydeb diff` does not hide the rest)
run_cmd td diff
diff_before=$OUT diff_before_rc=$RC
digest_before=$(tree_digest "$(envs_dir)")
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

# ------------------------------------------------------------------ run --ephemeral
assert_exit 0 td run --ephemeral --exec sh -- -c "
cat $RT_DIR/keep
echo temp > $RT_DIR/temp
echo overwritten > $RT_DIR/keep
rm $RT_DIR/keep2
mkdir $RT_DIR/temp-dir
cat $RT_DIR/temp $RT_DIR/keep
test -e $RT_DIR/keep2 && echo 'keep2 still there'
exit 0"
assert_eq $'keep\ntemp\noverwritten' "$OUT" "what the ephemeral program read (the environment, then its own writes)"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "run --ephemeral changed the environment's files"
assert_eq "$digest_before" "$(tree_digest "$(envs_dir)")" "tree_digest of the envs directory after run --ephemeral"
assert_exit 0 td run --exec sh -- -c "cat $RT_DIR/keep $RT_DIR/keep2; ls $RT_DIR"
assert_eq $'keep\nkeep2\nkeep\nkeep2\nkeep3' "$OUT" "the runtime layer after run --ephemeral (contents of keep, keep2, then the listing)"

# ------------------------------------------------------------------ shell --ephemeral
export SHELL=/bin/sh
assert_exit 0 td shell --ephemeral <<<"echo shell > $RT_DIR/from-shell && cat $RT_DIR/from-shell"
assert_eq shell "$OUT" "the ephemeral shell reads its own write"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "shell --ephemeral changed the environment's files"
assert_exit 1 td run --exec test -- -e "$RT_DIR/from-shell"
# That run is not ephemeral: it may save its plan (run-cache/exec/test) for the next one.
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

# ------------------------------------------------------------------ --diff-on-exit
# The run's own changes: a new file, an existing file of the environment overwritten (modified,
# not "added" as it would be compared with the host) and one deleted (which a comparison
# with the host, where it never existed, could not show at all).
assert_exit 3 td run --ephemeral --diff-on-exit --exec sh -- -c "
echo temp > $RT_DIR/temp
echo overwritten > $RT_DIR/keep
rm $RT_DIR/keep3
echo program output
exit 3"
assert_eq "program output" "$OUT" "stdout of run --ephemeral --diff-on-exit (the diff goes to stderr)"
eph_diff=$ERR
note "stderr of --diff-on-exit:"$'\n'"$eph_diff"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "run --ephemeral --diff-on-exit changed the environment's files"

# a run that changes nothing
assert_exit 0 td run --ephemeral --diff-on-exit --exec true
assert_eq "no changes" "$ERR" "stderr of --diff-on-exit when the program changed nothing"

# trydeb diff is as it was before the ephemeral runs
assert_eq 0 "$diff_before_rc" "exit status of trydeb diff before the ephemeral runs: $diff_before"
assert_exit 0 td diff
assert_eq "$diff_before" "$OUT" "trydeb diff after the ephemeral runs"
assert_diff_has "$OUT" added "$RT_DIR/keep" runtime

# what --diff-on-exit printed (checked last, so that the checks above always run)
assert_diff_format "$eph_diff"
assert_diff_has "$eph_diff" added "$RT_DIR/temp" runtime
assert_diff_has "$eph_diff" modified "$RT_DIR/keep" runtime \
    "--diff-on-exit does not list the environment's file the run overwrote as modified"
assert_diff_has "$eph_diff" deleted "$RT_DIR/keep3" runtime \
    "--diff-on-exit does not list the environment's file the run deleted"
assert_diff_lacks "$eph_diff" "$RT_DIR/keep2" "--diff-on-exit lists a file the ephemeral run did not touch"
assert_diff_lacks "$eph_diff" /usr/share/trydeb-eph/data "--diff-on-exit lists a file the package shipped"
