#!/bin/bash
# A graphical program (yad, from the Debian mirror, on an X display) and a command-line
# program of the same environment run at the same time in one sandbox (each sees the other
# in its PID namespace); install is refused while either runs, and works again as soon as
# both have exited, whichever exits first: the sandbox, its lock and its pid file go with
# the last program.
#
# It fails if the second program got a sandbox of its own (it would not see yad), if an
# install got through while a program ran, or if anything of the sandbox outlived its
# programs and kept the environment busy (install exits 5 right after both have exited).
. "$ITEST_DIR/lib.sh"

start_xvfb
fixture_chain yad
install_chain

token="$TEST_NAME-$$"
go="$HOME/.trydeb-itest-$token-go" # in the home: the sandbox's /tmp is its own
on_exit "rm -f '$go'"
deb=$(make_pkg trydeb-itest-cli 1.0 --exe /usr/bin/trydeb-itest-cli '#!/bin/sh
for comm in /proc/[0-9]*/comm; do cat "$comm"; done 2>/dev/null | grep -qx yad && echo "sees yad"
while [ ! -e "$1" ]; do sleep 0.1; done
echo "cli done"')
assert_exit 0 td install "$deb"
later=$(make_pkg trydeb-itest-later 1.0 --file /usr/share/trydeb-itest-later/file "installed afterwards")

# ------------------------------------------------------------------ both at once
title="trydeb-itest-yad-$$"
export NO_AT_BRIDGE=1 GDK_BACKEND=x11
"$TRYDEB" run --exec yad -- --title="$title" --text="the graphical one" --button=OK:0 >"$TEST_TMP/yad.out" 2>&1 &
gui_pid=$!
track_pid "$gui_pid"
window=$(wait_for_window "$title")
"$TRYDEB" run trydeb-itest-cli -- "$go" >"$TEST_TMP/cli.out" 2>"$TEST_TMP/cli.err" &
cli_pid=$!
track_pid "$cli_pid"
for _ in $(seq 1 300); do
    [[ -s "$TEST_TMP/cli.out" ]] && break
    kill -0 "$cli_pid" 2>/dev/null || fail "the command-line program exited early:"$'\n'"$(cat "$TEST_TMP/cli.out" "$TEST_TMP/cli.err")"
    sleep 0.1
done
assert_eq "sees yad" "$(cat "$TEST_TMP/cli.out")" "the command-line program does not share yad's sandbox"

assert_exit 5 td install "$later"
assert_one_line_error "yad" "trydeb-itest-cli"

# ------------------------------------------------------------------ the graphical one exits first
xdotool windowactivate --sync "$window" key --clearmodifiers Return 2>/dev/null ||
    xdotool windowfocus --sync "$window" key --clearmodifiers Return
rc=0
wait "$gui_pid" || rc=$?
assert_eq 0 "$rc" "yad's exit status after pressing OK (output: $(cat "$TEST_TMP/yad.out"))"
kill -0 "$cli_pid" 2>/dev/null || fail "the command-line program ended with yad:"$'\n'"$(cat "$TEST_TMP/cli.out")"
assert_exit 5 td install "$later"
assert_one_line_error "trydeb-itest-cli"
assert_not_contains "$ERR" "yad" "install names yad as running after it has exited"

# ------------------------------------------------------------------ then the other
touch "$go"
rc=0
wait "$cli_pid" || rc=$?
assert_eq 0 "$rc" "the command-line program's exit status (output: $(cat "$TEST_TMP/cli.out"))"
assert_eq $'sees yad\ncli done' "$(cat "$TEST_TMP/cli.out")"
# at once, no retries: nothing of the sandbox may outlive its last program
assert_exit 0 td install "$later"
assert_exit 0 td run --exec cat -- /usr/share/trydeb-itest-later/file
assert_eq "installed afterwards" "$OUT"
