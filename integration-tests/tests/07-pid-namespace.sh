#!/bin/bash
# `run` gets its own pid namespace with a new /proc (only the sandbox's processes are
# visible), and new user, mount and uts namespaces. The ipc namespace is the host's (X11's
# MIT-SHM needs it) unless --isolate-ipc.
. "$ITEST_DIR/lib.sh"

sleep 300 &
host_sleep=$!
track_pid "$host_sleep"

host_pid1=$(cat /proc/1/comm 2>/dev/null || echo '?')
host_count=0
for _p in /proc/[0-9]*; do host_count=$((host_count + 1)); done

if command -v ps >/dev/null 2>&1; then
    assert_exit 0 td run --exec ps -- -e -o pid=,comm=
else
    note "no ps on this machine: listing /proc instead"
    assert_exit 0 td run --exec sh -- -c 'for d in /proc/[0-9]*; do printf "%s %s\n" "${d#/proc/}" "$(cat "$d/comm" 2>/dev/null)"; done'
fi
procs=$(sed 's/^ *//' <<<"$OUT")
note "inside (host has $host_count processes, host PID 1 is $host_pid1):"$'\n'"$procs"

count=$(grep -c . <<<"$procs" || true)
((count >= 1 && count <= 8)) || fail "expected a handful of processes inside, saw $count:"$'\n'"$procs"
((count < host_count)) || fail "as many processes inside ($count) as on the host ($host_count)"

pid1=$(awk '$1 == 1 { print $2 }' <<<"$procs")
[[ -n "$pid1" ]] || fail "no PID 1 inside:"$'\n'"$procs"
[[ "$pid1" != systemd && "$pid1" != init ]] || fail "PID 1 inside is $pid1"
case $host_pid1 in
    ps | sh | bash | dash | trydeb* | java) ;; # could legitimately also be the sandbox's PID 1
    *) [[ "$pid1" != "$host_pid1" ]] || fail "PID 1 inside is the host's PID 1 ($host_pid1)" ;;
esac
if awk '{ print $2 }' <<<"$procs" | grep -qx sleep; then
    fail "the host's sleep $host_sleep is visible inside:"$'\n'"$procs"
fi

# the program's pid namespace (and the others) are not the host's
assert_exit 0 td run --exec sh -- -c 'echo $$; for n in user mnt pid uts ipc; do readlink /proc/self/ns/$n; done'
inner_pid=$(head -n 1 <<<"$OUT")
[[ "$inner_pid" =~ ^[0-9]+$ ]] || fail "the program's pid inside is '$inner_pid'"
inside_ns=$(tail -n +2 <<<"$OUT")
i=0
for n in user mnt pid uts ipc; do
    i=$((i + 1))
    host_ns=$(readlink "/proc/self/ns/$n")
    in_ns=$(sed -n "${i}p" <<<"$inside_ns")
    [[ "$in_ns" == "$n:["* ]] || fail "cannot read the $n namespace inside: '$in_ns'"
    if [[ $n == ipc ]]; then
        assert_eq "$host_ns" "$in_ns" "run's ipc namespace (the host's by default)"
    else
        [[ "$in_ns" != "$host_ns" ]] || fail "run shares the host's $n namespace ($host_ns)"
    fi
done
assert_exit 0 td run --isolate-ipc --exec readlink -- /proc/self/ns/ipc
[[ "$OUT" == "ipc:["* && "$OUT" != "$(readlink /proc/self/ns/ipc)" ]] ||
    fail "run --isolate-ipc shares the host's ipc namespace ($OUT)"

kill "$host_sleep" 2>/dev/null || true
