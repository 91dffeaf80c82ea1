#!/bin/bash
# A program running `kill -9 -1` kills only the sandbox's processes: a process of the same
# user on the host survives, and trydeb run returns (with the program's status or 137).
. "$ITEST_DIR/lib.sh"

# a host process of the test user, findable by its unique duration
dur="3000.$(printf '%04d' $((RANDOM % 10000)))7"
sleep "$dur" &
host_sleep=$!
track_pid "$host_sleep"
# and one in a session of its own (setsid may fork: find it by its command line)
dur2="${dur%7}8"
setsid sleep "$dur2" </dev/null >/dev/null 2>&1 &
sleep 0.3
host_setsid=$(marked_pids "sleep $dur2" | head -n 1)
[[ -n "$host_setsid" ]] || fail "the host's marker process 'sleep $dur2' did not start"
track_pid "$host_setsid"
{ kill -0 "$host_sleep" && kill -0 "$host_setsid"; } || fail "the host's marker processes did not start"

deb=$(make_pkg trydeb-killer 1.0 --exe /usr/bin/trydeb-killer $'#!/bin/sh\nsleep 1 &\nkill -9 -1\necho "after kill"')
assert_exit 0 td install "$deb"

run_cmd timeout 60 "$TRYDEB" run --exec sh -- -c 'sleep 30 & kill -9 -1; echo "after kill"'
((RC != 124)) || fail "trydeb run of a program running kill -9 -1 did not return within 60s"
note "trydeb run ended with status $RC; stdout: $OUT; stderr: $ERR"
[[ "$RC" == 0 || "$RC" == 137 ]] || fail "trydeb run of a program running kill -9 -1 ended with status $RC (expected 0, the program's, or 137):"$'\n'"$OUT"$'\n'"$ERR"
[[ "$RC" != 0 ]] || assert_eq "after kill" "$OUT" "the program's output after kill -9 -1"
kill -0 "$host_sleep" 2>/dev/null || fail "the host process $host_sleep (sleep $dur, same user) was killed by kill -9 -1 inside the sandbox"
kill -0 "$host_setsid" 2>/dev/null || fail "the host process $host_setsid (setsid sleep $dur2, same user) was killed by kill -9 -1 inside the sandbox"

# the same through a package's program
run_cmd timeout 60 "$TRYDEB" run trydeb-killer
((RC != 124)) || fail "trydeb run trydeb-killer did not return within 60s"
[[ "$RC" == 0 || "$RC" == 137 ]] || fail "trydeb run trydeb-killer ended with status $RC:"$'\n'"$OUT"$'\n'"$ERR"
kill -0 "$host_sleep" 2>/dev/null || fail "the host process $host_sleep was killed by trydeb-killer"
kill -0 "$host_setsid" 2>/dev/null || fail "the host process $host_setsid was killed by trydeb-killer"

# trydeb still works and nothing of the environment is left running
assert_exit 0 td run --exec echo -- still here
assert_eq "still here" "$OUT"
assert_exit 0 td reset
