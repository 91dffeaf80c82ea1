#!/bin/bash
# A real GTK 3 program from the Debian mirror (yad-icon-browser, package yad) installed with
# trydeb maps a window on a real Wayland compositor (weston, headless) when started through
# the menu entry trydeb exported for it, and the compositor knows the window by an app_id
# equal to that entry's StartupWMClass, which is how desktop shells match windows to entries.
#
# The compositor's own view is asked for with weston's debug protocol (weston --debug): the
# scene-graph stream lists each mapped view with the shell's label, "top-level window
# 'TITLE' of APP_ID" (desktop-shell). WAYLAND_DEBUG on the client would only show what the
# program sent, not that weston mapped it; weston-screenshooter needs a renderer and says
# nothing about app_ids. The runtime directory lies in the test's scratch directory under
# /tmp, which the sandbox replaces with a private /tmp: the program can reach the socket only
# through the bind trydeb makes for XDG_RUNTIME_DIR, and without it GTK cannot open the
# display (GDK_BACKEND=wayland, no X fallback) and no window appears: the test fails.
. "$ITEST_DIR/lib.sh"

command -v weston >/dev/null || skip "weston is not installed (package weston)"
command -v weston-debug >/dev/null || skip "weston-debug is not installed (package weston)"
py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 to parse the Exec line"
fixture_chain yad
install_chain

# ------------------------------------------------------------------ the compositor
runtime="$TEST_TMP/runtime"
mkdir -m 0700 "$runtime"
export XDG_RUNTIME_DIR=$runtime WAYLAND_DISPLAY=trydeb-itest-wayland
unset DISPLAY
weston --backend=headless-backend.so --socket="$WAYLAND_DISPLAY" --debug --no-config --idle-time=0 \
    --log="$TEST_TMP/weston.log" >"$TEST_TMP/weston.out" 2>&1 &
track_pid $!
weston_pid=$!
for _ in $(seq 1 300); do
    [[ -S "$runtime/$WAYLAND_DISPLAY" ]] && weston-debug -l >/dev/null 2>&1 && break
    kill -0 "$weston_pid" 2>/dev/null || fail "weston exited:"$'\n'"$(cat "$TEST_TMP/weston.out" "$TEST_TMP/weston.log")"
    sleep 0.1
done
weston-debug -l >/dev/null 2>&1 || fail "weston does not answer on $runtime/$WAYLAND_DISPLAY:"$'\n'"$(cat "$TEST_TMP/weston.log")"
scene() { weston-debug scene-graph 2>/dev/null; }
# "View N (role xdg_toplevel, PID P, surface ID S, top-level window 'TITLE' of APP_ID, 0x...):"
toplevels() { scene | sed -n "s/^[[:space:]]*View .*top-level window \(.*\), 0x[0-9a-f]*):\$/\1/p"; }
assert_eq "" "$(toplevels)" "windows on the new compositor before the program ran"

# ------------------------------------------------------------------ the exported menu entry
entry="$XDG_DATA_HOME/applications/trydeb-default-yad-icon-browser.desktop"
[[ -f "$entry" ]] || fail "no menu entry $entry for yad-icon-browser: $(ls -la "$XDG_DATA_HOME/applications" 2>&1)"
key() { sed -n "/^\[Desktop Entry\]/,/^\[/{s/^$1=//p}" "$entry" | head -n 1; }
wm_class=$(key StartupWMClass)
[[ -n "$wm_class" ]] || fail "the exported entry has no StartupWMClass:"$'\n'"$(cat "$entry")"
# The Exec line as a menu would run it (no field codes in this one).
mapfile -d '' -t argv < <("$py" -c '
import shlex, sys
print("\0".join(a for a in shlex.split(sys.argv[1]) if not (len(a) == 2 and a[0] == "%")), end="")' "$(key Exec)")
note "running the Exec line: ${argv[*]}"

# No accessibility bus here: without this GTK waits for one on the session bus.
export NO_AT_BRIDGE=1 GDK_BACKEND=wayland
"${argv[@]}" >"$TEST_TMP/program.out" 2>&1 &
run_pid=$!
track_pid "$run_pid"
window=
for _ in $(seq 1 600); do
    window=$(toplevels)
    [[ -n "$window" ]] && break
    kill -0 "$run_pid" 2>/dev/null || fail "the program exited without mapping a window:"$'\n'"$(cat "$TEST_TMP/program.out")"
    sleep 0.1
done
[[ -n "$window" ]] || fail "no top-level window on weston after a minute:"$'\n'"$(scene)"$'\n'"--- program:"$'\n'"$(cat "$TEST_TMP/program.out")"
note "weston's scene graph: $window"
[[ ! -e /usr/bin/yad-icon-browser ]] || fail "the host has /usr/bin/yad-icon-browser (fixture problem: the window proves nothing)"
app_id=${window##* of }
assert_eq "$wm_class" "$app_id" "the window's app_id on weston and the exported entry's StartupWMClass"

kill "$run_pid"
wait "$run_pid" || true
for _ in $(seq 1 100); do
    [[ -z "$(toplevels)" ]] && break
    sleep 0.1
done
assert_eq "" "$(toplevels)" "the window is still mapped after its trydeb run was stopped"
