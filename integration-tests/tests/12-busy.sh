#!/bin/bash
# reset is refused (exit 5) while a program of the environment runs, and works afterwards.
. "$ITEST_DIR/lib.sh"

deb=$(make_pkg trydeb-busy 1.0 --file /usr/share/trydeb-busy/data "busy")
assert_exit 0 td install "$deb"

# a duration no other sleep on the machine has, to find the sandboxed process on the host
dur="29.$(printf '%04d' $((RANDOM % 10000)))1"
"$TRYDEB" run --exec sleep -- "$dur" >bg.out 2>bg.err &
bg=$!
track_pid "$bg"

# the host pid of our process whose command line is exactly "sleep $dur"
find_program() {
    local p cmdline
    for p in /proc/[0-9]*; do
        [[ -O $p ]] || continue
        cmdline=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
        if [[ "$cmdline" == "sleep $dur " ]]; then
            echo "${p#/proc/}"
            return
        fi
    done
}
inner=
for _ in $(seq 1 150); do
    inner=$(find_program)
    [[ -n "$inner" ]] && break
    kill -0 "$bg" 2>/dev/null || fail "trydeb run ended early: $(cat bg.out bg.err)"
    sleep 0.2
done
[[ -n "$inner" ]] || fail "the program of 'trydeb run --exec sleep -- $dur' never appeared: $(cat bg.out bg.err)"
track_pid "$inner"

assert_exit 5 td reset
assert_one_line_error
assert_exit 0 td list
assert_contains "$OUT" "trydeb-busy" "the refused reset removed packages"
assert_exit 0 td run --exec cat -- /usr/share/trydeb-busy/data
assert_eq "busy" "$OUT"

# end the program; trydeb run ends with it. SIGTERM first; SIGKILL after 5s, for a program
# that is PID 1 of its namespace (which ignores signals it has no handler for)
kill "$inner" 2>/dev/null || true
for i in $(seq 1 100); do
    kill -0 "$bg" 2>/dev/null || break
    if ((i == 25)) && kill -0 "$inner" 2>/dev/null; then
        note "the program survived SIGTERM for 5s (PID 1 of its namespace?): sending SIGKILL"
        kill -KILL "$inner" 2>/dev/null || true
    fi
    sleep 0.2
done
if kill -0 "$bg" 2>/dev/null; then
    fail "trydeb run did not end within 20s after its program was killed"
fi
bg_rc=0
wait "$bg" || bg_rc=$?
note "trydeb run ended with status $bg_rc after its program got SIGTERM"

assert_exit 0 td reset
assert_exit 0 td list
assert_eq "" "$OUT" "trydeb list after reset"
