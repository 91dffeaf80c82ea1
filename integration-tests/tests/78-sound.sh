#!/bin/bash
# A program inside `trydeb run` plays sound on the caller's PulseAudio server: paplay (the
# host's) plays a sound file that a package installed into the environment ships
# (sound-theme-freedesktop from the Debian mirror), and the server, started by the test as
# this user, lists it as one of its sink inputs while it plays.
#
# The server listens at XDG_RUNTIME_DIR/pulse/native, libpulse's default when PULSE_SERVER is
# unset, with XDG_RUNTIME_DIR in the test's scratch directory under /tmp, which the sandbox
# replaces with a private /tmp: without the bind trydeb makes for XDG_RUNTIME_DIR, paplay
# finds no server ("Connection refused"), the server lists no sink input and the test fails.
. "$ITEST_DIR/lib.sh"

command -v pulseaudio >/dev/null || skip "pulseaudio is not installed (package pulseaudio)"
command -v pactl >/dev/null && command -v paplay >/dev/null ||
    skip "pactl and paplay are not installed (package pulseaudio-utils)"
sound=/usr/share/sounds/freedesktop/stereo/alarm-clock-elapsed.oga
[[ ! -e $sound ]] || skip "the host has $sound (sound-theme-freedesktop); this test installs it with trydeb"
fixture_deb sound-theme-freedesktop
assert_exit 0 td install "$FIXTURE"

# ------------------------------------------------------------------ the server
runtime="$TEST_TMP/runtime"
mkdir -m 0700 "$runtime"
export XDG_RUNTIME_DIR=$runtime
unset PULSE_SERVER
# The server's state and cookie in the scratch directory, not in the user's ~/.config/pulse;
# the clients find the cookie through PULSE_COOKIE.
mkdir -m 0700 "$TEST_TMP/pulse-state"
export PULSE_COOKIE="$TEST_TMP/pulse-state/cookie"
cat >"$TEST_TMP/pulse.pa" <<EOF
load-module module-native-protocol-unix cookie=$PULSE_COOKIE
load-module module-null-sink sink_name=trydeb_itest
set-default-sink trydeb_itest
EOF
PULSE_STATE_PATH="$TEST_TMP/pulse-state" pulseaudio --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
    --disallow-exit -n -F "$TEST_TMP/pulse.pa" --log-target=stderr >"$TEST_TMP/pulseaudio.log" 2>&1 &
pulse_pid=$!
track_pid "$pulse_pid"
for _ in $(seq 1 300); do
    pactl info >/dev/null 2>&1 && break
    kill -0 "$pulse_pid" 2>/dev/null || fail "pulseaudio exited:"$'\n'"$(cat "$TEST_TMP/pulseaudio.log")"
    sleep 0.1
done
assert_exit 0 pactl info
assert_contains "$OUT" "Server String: $runtime/pulse/native" "the server's socket"
assert_exit 0 pactl list short sink-inputs
assert_eq "" "$OUT" "sink inputs before anything played"

# ------------------------------------------------------------------ playing inside trydeb run
# In a loop, so that it is still playing whenever the server is asked.
marker="trydeb-itest-sound-$$"
"$TRYDEB" run --exec sh -- -c 'while paplay --client-name="$1" "$2"; do :; done; echo "paplay failed" >&2; exit 1' \
    sh "$marker" "$sound" >"$TEST_TMP/paplay.out" 2>&1 &
run_pid=$!
track_pid "$run_pid"
inputs=
for _ in $(seq 1 300); do
    inputs=$(pactl list sink-inputs)
    [[ "$inputs" == *"$marker"* ]] && break
    kill -0 "$run_pid" 2>/dev/null || fail "trydeb run paplay exited:"$'\n'"$(cat "$TEST_TMP/paplay.out")"
    sleep 0.1
done
note "$inputs"
assert_contains "$inputs" "application.name = \"$marker\"" "the server lists no sink input of the program inside"
assert_contains "$inputs" "media.name = \"$sound\"" "the sink input plays the environment's file"
assert_contains "$inputs" "Sink: $(pactl list short sinks | awk '$2 == "trydeb_itest" { print $1 }')" \
    "the sink input plays on the test's null sink"

kill "$run_pid"
wait "$run_pid" || true
