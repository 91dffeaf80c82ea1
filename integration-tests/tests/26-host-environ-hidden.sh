#!/bin/bash
# Inside run, /proc/1 is the sandbox's PID 1 and no /proc/*/environ holds a secret that only
# a host process of the same user has in its environment.
. "$ITEST_DIR/lib.sh"

secret="trydeb-itest-secret-$$-$RANDOM$RANDOM"
env TRYDEB_SECRET="$secret" sleep 300 &
host_pid=$!
track_pid "$host_pid"
sleep 0.2
# the secret is where the test put it, on the host (else the check below proves nothing)
tr '\0' '\n' <"/proc/$host_pid/environ" | grep -qxF "TRYDEB_SECRET=$secret" ||
    fail "the host process $host_pid does not have the secret in its environment (fixture problem)"
[[ "$(env)" != *"$secret"* ]] || fail "the test's own environment holds the secret (fixture problem)"

# the secret is passed as an argument (command lines are not searched), never in the environment
assert_exit 0 td run --exec sh -- -c '
echo "pid1: $(tr "\0" "\n" </proc/1/cmdline 2>/dev/null | head -n 1)"
if tr "\0" "\n" </proc/1/environ 2>/dev/null | grep -qF "$1"; then echo "LEAK: in /proc/1/environ"; fi
for f in /proc/[0-9]*/environ; do
    if grep -qF "$1" "$f" 2>/dev/null; then echo "LEAK: in $f"; fi
done
if [ -e "/proc/$2/environ" ] && grep -qF "$1" "/proc/$2/environ" 2>/dev/null; then echo "LEAK: in /proc/$2/environ (the host pid)"; fi
echo "processes: $(ls -d /proc/[0-9]* | wc -l)"
exit 0' sh "$secret" "$host_pid"
note "$OUT"
assert_not_contains "$OUT" "LEAK:" "a host process's secret environment variable is readable inside the sandbox"
pid1=$(sed -n 's/^pid1: //p' <<<"$OUT")
host_pid1=$(tr '\0' '\n' </proc/1/cmdline 2>/dev/null | head -n 1 || true)
note "PID 1 inside: '$pid1'; PID 1 on the host: '$host_pid1'"
[[ -n "$pid1" ]] || fail "cannot read /proc/1/cmdline inside"
case $pid1 in
    *systemd* | */sbin/init | init) fail "PID 1 inside is the host's init: $pid1" ;;
esac
