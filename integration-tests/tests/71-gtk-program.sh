#!/bin/bash
# A real GTK 3 program from the Debian mirror (yad) installed with trydeb opens its dialog
# on the caller's display through `trydeb run`; a screenshot is kept.
#
# GTK 3 with its ~40 libraries is too much to install one package at a time while trydeb
# cannot resolve dependencies, so scripts/setup-machine installs libgtk-3-0 on the host and
# only yad (and whatever else the host lacks) comes from the mirror through trydeb.
. "$ITEST_DIR/lib.sh"

start_xvfb
fixture_chain yad
install_chain

title="trydeb-itest-yad-$$"
# No accessibility bus on this display: without this GTK waits for one on the session bus.
export NO_AT_BRIDGE=1 GDK_BACKEND=x11
"$TRYDEB" run --exec yad yad -- --title="$title" --text="a GTK program inside trydeb" --button=OK:0 \
    >"$TEST_TMP/yad.out" 2>&1 &
run_pid=$!
track_pid "$run_pid"
window=$(wait_for_window "$title")
note "yad window: $window"
kill -0 "$run_pid" 2>/dev/null || fail "trydeb run yad exited:"$'\n'"$(cat "$TEST_TMP/yad.out")"
[[ ! -e /usr/bin/yad ]] || fail "the host has /usr/bin/yad (fixture problem: the window proves nothing)"
assert_contains "$(xdotool search --name "^$title\$" 2>&1)" "$((window))" "xdotool does not find the yad window"

shot=$(screenshot yad)
echo "screenshot: $shot"

# pressing the dialog's button ends the program with its status: the input reaches it
xdotool windowactivate --sync "$window" key --clearmodifiers Return 2>/dev/null ||
    xdotool windowfocus --sync "$window" key --clearmodifiers Return
rc=0
wait "$run_pid" || rc=$?
assert_eq 0 "$rc" "the exit status of yad after pressing OK (output: $(cat "$TEST_TMP/yad.out"))"
