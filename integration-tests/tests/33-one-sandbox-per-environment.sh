#!/bin/bash
# Two programs of one environment run in one sandbox: the second joins the first (same
# mounts, same PID namespace, so each sees the other's files in the sandbox's private /tmp)
# rather than mounting the same overlay upper again. The first caller gets its program's
# status when that program exits, while the sandbox lives on until the last program has
# exited; reset meanwhile is refused, naming the running programs.
. "$ITEST_DIR/lib.sh"

marker="$HOME/.trydeb-itest-$TEST_NAME-$$"
on_exit "rm -f '$marker' '$marker-ready'"
ready="$marker-ready"  # in the home: the sandbox's /tmp is its own

"$TRYDEB" run --exec sh -- -c "echo from-first > /tmp/shared; touch '$ready'; sleep 8; exit 3" \
    >"$TEST_TMP/first.out" 2>"$TEST_TMP/first.err" &
first=$!
track_pid "$first"
for _ in $(seq 1 300); do [[ -e "$ready" ]] && break; sleep 0.1; done
[[ -e "$ready" ]] || fail "the first program did not start: $(cat "$TEST_TMP/first.err")"

assert_exit 0 td run --exec sh -- -c 'cat /tmp/shared; echo from-second > /tmp/second'
assert_eq "from-first" "$OUT" "the second program does not see the first one's /tmp"

"$TRYDEB" run --exec sh -- -c "sleep 14; cat /tmp/second > '$marker'" >"$TEST_TMP/third.out" 2>"$TEST_TMP/third.err" &
third=$!
track_pid "$third"
sleep 2

assert_exit 5 td reset
assert_one_line_error "sleep"
assert_exit 5 td run --ephemeral --exec true
assert_one_line_error "--ephemeral"

rc=0
wait "$first" || rc=$?
assert_eq 3 "$rc" "the first caller's exit status"
assert_file_absent "$marker" "the last program had finished before the first caller returned"
kill -0 "$third" 2>/dev/null || fail "the joined program ended with the first one"

rc=0
wait "$third" || rc=$?
assert_eq 0 "$rc" "the joined program's exit status: $(cat "$TEST_TMP/third.err")"
assert_eq "from-second" "$(cat "$marker")" "the joined program outlived the first and saw the second's file"

for _ in $(seq 1 50); do td reset >/dev/null 2>&1 && break; sleep 0.1; done
assert_exit 0 td list
