#!/bin/bash
# `trydeb run PKG` starts from the plan an earlier run saved, without Java: the launcher hands
# it to the helper, which uses it only while what it was computed from is unchanged. The
# program sees the same arguments, stdin, working directory and environment, and trydeb
# exits with its status, as through Java. Installing, removing and resetting discard the
# plan; a changed variable the plan reads makes it stale; both send the run through Java
# again (with the same arguments), which saves a new plan. A second run joins the first's
# sandbox on the fast path too, and "run --exec NAME" (menu entries) has one as well.
# without_java (lib.sh) tells the paths apart.
. "$ITEST_DIR/lib.sh"


probe=$(make_pkg probe 1.0 --exe /usr/bin/probe '#!/bin/sh
echo "cwd=$(pwd)"
echo "env=$TRYDEB_ENV fast=${TRYDEB_NO_FAST_RUN:-unset} display=${DISPLAY:-unset}"
for a in "$@"; do echo "arg=[$a]"; done
echo "fds=$(ls /proc/self/fd | tr "\n" " ")"
echo "pidns=$(readlink /proc/self/ns/pid)" >&2
echo "stdin=$(cat)"
exit 7')
other=$(make_pkg other 1.0 --exe /usr/bin/other 'true')
saved="$(envs_dir)/default/run-cache/probe"

assert_exit 0 td install -y "$probe"
assert_file_absent "$saved" "no plan is saved before the first run"

mkdir -p "$HOME/itest-$TEST_NAME-$$"
on_exit "rmdir '$HOME/itest-$TEST_NAME-$$'"
cd "$HOME/itest-$TEST_NAME-$$" || fail "cannot enter a directory in home"

# The first run plans with Java and saves the plan.
unset DISPLAY
exec 7</dev/null
run_cmd td run probe -- "a b" "" -- c <<<"input"
exec 7<&-
assert_eq 7 "$RC" "the program's exit status through Java: $ERR"
java_out=$OUT
assert_contains "$OUT" "cwd=$HOME/itest-$TEST_NAME-$$"
assert_contains "$OUT" "env=default fast=unset display=unset"
assert_contains "$OUT" "arg=[a b]"$'\n'"arg=[]"$'\n'"arg=[--]"$'\n'"arg=[c]"
[[ -f "$saved" ]] || fail "the first run saved no plan at $saved"
assert_eq 600 "$(stat -c %a "$saved")" "the saved plan's mode"

# The same run without Java: identical for the program (descriptors the caller left open
# included: neither path passes them on).
exec 7</dev/null
run_cmd without_java td run probe -- "a b" "" -- c <<<"input"
exec 7<&-
assert_eq 7 "$RC" "the program's exit status on the fast path: $ERR"
assert_not_contains "$ERR" "JAVA STARTED"
assert_eq "$java_out" "$OUT" "what the program saw on the fast path"
run_cmd without_java td --env default run probe x <<<""
assert_eq 7 "$RC" "--env before run, no '--': $ERR"
assert_contains "$OUT" "arg=[x]"
run_cmd without_java td run --env=default probe <<<""
assert_eq 7 "$RC" "--env= after run: $ERR"
# outside home the program starts where the caller is, where the sandbox shows it as the
# host does, else (the private /tmp) in home and says so; on the fast path as through Java
(cd /usr/share && run_cmd without_java td run probe </dev/null && [[ $RC == 7 ]] && [[ $OUT == *"cwd=/usr/share"$'\n'* ]]) \
    || fail "from /usr/share the program should start in /usr/share, on the fast path too"
tmp_dir=$(mktemp -d /tmp/trydeb-itest-cwd.XXXXXX)
on_exit "rmdir '$tmp_dir'"
for path in fast java; do
    if [[ $path == fast ]]; then
        (cd "$tmp_dir" && run_cmd without_java td run probe </dev/null
         [[ $RC == 7 && $OUT == *"cwd=$HOME"$'\n'* && $ERR == *"trydeb: $tmp_dir is not shown inside the sandbox; starting in $HOME"* ]]) ||
            fail "from $tmp_dir (the host's /tmp) the program should start in home and say so, on the fast path"
    else
        (cd "$tmp_dir" && run_cmd env TRYDEB_NO_FAST_RUN=1 "$TRYDEB" run probe </dev/null
         [[ $RC == 7 && $OUT == *"cwd=$HOME"$'\n'* && $ERR == *"trydeb: $tmp_dir is not shown inside the sandbox; starting in $HOME"* ]]) ||
            fail "from $tmp_dir (the host's /tmp) the program should start in home and say so, through Java"
    fi
done

# A variable the plan reads changed: through Java again, arguments and stdin kept, and
# TRYDEB_NO_FAST_RUN (the helper's note to the launcher) does not reach the program.
export DISPLAY=:98
run_cmd without_java td run probe -- "a b" <<<"input"
assert_eq 99 "$RC" "a plan computed without DISPLAY was used with it"
assert_contains "$ERR" "JAVA STARTED"
run_cmd td run probe -- "a b" <<<"input"
assert_eq 7 "$RC" "the run handed back to Java: $ERR"
assert_contains "$OUT" "display=:98"
assert_contains "$OUT" "fast=unset"
assert_contains "$OUT" "arg=[a b]"
assert_contains "$OUT" "stdin=input"
run_cmd without_java td run probe <<<""
assert_eq 7 "$RC" "the plan Java saved again was not used: $ERR"

# A damaged plan is not used.
printf 'trydeb-run-cache 1\0args\0' >"$saved"
run_cmd without_java td run probe </dev/null
assert_eq 99 "$RC" "a damaged plan was used"
run_cmd td run probe </dev/null
assert_eq 7 "$RC" "the run after a damaged plan: $ERR"

# A plan whose sandbox cannot be set up (its mount point removed by hand, which no stamp
# covers) fails once, and the next run plans with Java.
rmdir "$(envs_dir)/default/root"
run_cmd without_java td run probe </dev/null
assert_eq 125 "$RC" "a sandbox without its mount point"
assert_file_absent "$saved" "the plan that failed to set up was kept"
run_cmd td run probe </dev/null
assert_eq 7 "$RC" "the run after a failed setup: $ERR"

# A second program joins the first's sandbox on the fast path as well.
( sleep 4 | without_java "$TRYDEB" run probe >"$TEST_TMP/first.out" 2>"$TEST_TMP/first.err" ) &
track_pid $!
for _ in $(seq 1 100); do grep -q pidns "$TEST_TMP/first.err" && break; sleep 0.05; done
first_ns=$(sed -n 's/^pidns=//p' "$TEST_TMP/first.err")
[[ -n "$first_ns" ]] || fail "the first program did not start: $(cat "$TEST_TMP/first.err")"
run_cmd without_java td run probe </dev/null
assert_eq 7 "$RC" "the joining run: $ERR"
assert_contains "$ERR" "pidns=$first_ns"
wait

# The form menu entries use, run --exec NAME -- ARGS, is saved as well.
run_cmd td run --exec probe -- "m n" <<<"menu"
assert_eq 7 "$RC" "run --exec through Java: $ERR"
[[ -f "$(envs_dir)/default/run-cache/exec/probe" ]] || fail "run --exec saved no plan"
run_cmd without_java td run --exec probe -- "m n" <<<"menu"
assert_eq 7 "$RC" "run --exec on the fast path: $ERR"
assert_contains "$OUT" "arg=[m n]"
assert_contains "$OUT" "stdin=menu"

# Every change of the environment discards the plans.
assert_exit 0 td install -y "$other"
assert_file_absent "$saved" "install kept a plan computed before it"
assert_file_absent "$(envs_dir)/default/run-cache/exec/probe" "install kept a run --exec plan"
run_cmd without_java td run probe </dev/null
assert_eq 99 "$RC" "a run after install used no new plan"
assert_exit 7 td run probe </dev/null
assert_exit 0 td remove -y other
assert_file_absent "$saved" "remove kept a plan computed before it"
assert_exit 7 td run probe </dev/null
assert_exit 0 td reset
run_cmd without_java td run probe </dev/null
assert_eq 99 "$RC" "a run after reset used the plan of the reset environment"
assert_exit 2 td run probe </dev/null
assert_one_line_error "not installed"
