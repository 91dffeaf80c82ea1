#!/bin/bash
# A real X11 program from the Debian mirror (xeyes, package x11-apps) installed with trydeb
# opens its window on the caller's display through `trydeb run`; a screenshot is kept.
#
# trydeb does not resolve dependencies yet, so the test installs x11-apps together with the
# dependencies the host lacks, fetched with apt-get download and installed one by one in the
# order apt plans (fixture_chain); on a machine set up by scripts/setup-machine that is a
# library or two, since Xvfb and ImageMagick bring most X libraries onto the host.
. "$ITEST_DIR/lib.sh"

start_xvfb
fixture_chain x11-apps
install_chain

# the launcher itself in the background (not the td function's subshell), so that $! is trydeb
"$TRYDEB" run --exec xeyes >"$TEST_TMP/xeyes.out" 2>&1 &
run_pid=$!
track_pid "$run_pid"
window=$(wait_for_window xeyes)
note "xeyes window: $window"
kill -0 "$run_pid" 2>/dev/null || fail "trydeb run --exec xeyes exited:"$'\n'"$(cat "$TEST_TMP/xeyes.out")"

# the window belongs to the program of the environment: xeyes is not on the host
[[ ! -e /usr/bin/xeyes ]] || fail "the host has /usr/bin/xeyes (fixture problem: the window proves nothing)"
assert_contains "$(xdotool search --name '^xeyes$' 2>&1)" "$((window))" "xdotool does not find the xeyes window"

shot=$(screenshot xeyes)
echo "screenshot: $shot"

kill "$run_pid"
wait "$run_pid" || true
for _ in $(seq 1 100); do
    xwininfo -root -tree | grep -q '"xeyes":' || break
    sleep 0.1
done
xwininfo -root -tree | grep -q '"xeyes":' && fail "the xeyes window is still there after its trydeb run was stopped"
true
