#!/bin/bash
# A program run by trydeb on a terminal cannot push keystrokes into it: ioctl(TIOCSTI) fails.
. "$ITEST_DIR/lib.sh"

py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 to call ioctl(TIOCSTI)"
command -v script >/dev/null 2>&1 || skip "no script(1) (bsdutils) to run trydeb on a pseudo-terminal"

# prints "TIOCSTI ok" when the byte was pushed, "TIOCSTI failed: errno N (name)" when refused
sti='import errno, fcntl, os, sys, termios
fd = os.open("/dev/tty", os.O_RDWR) if not os.isatty(0) else 0
try:
    fcntl.ioctl(fd, termios.TIOCSTI, b"#")
    print("TIOCSTI ok")
except OSError as e:
    print("TIOCSTI failed: errno %d (%s)" % (e.errno, errno.errorcode.get(e.errno, "?")))'

# on_pty CMD...: run CMD on a new pseudo-terminal (script's), output in OUT
export SHELL=/bin/bash # script(1) runs the command line with $SHELL, and _itest_quote may use $'...'
on_pty() {
    local cmd
    cmd=$(_itest_quote "$@")
    run_cmd timeout 60 script -qec "$cmd" /dev/null
    OUT=$(tr -d '\r' <<<"$OUT")
}

# the same program on the host, for the record (the kernel may refuse TIOCSTI to everybody)
on_pty "$py" -c "$sti"
note "on the host, under script: $OUT (dev.tty.legacy_tiocsti=$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null || echo '?'))"
[[ "$OUT" == *"TIOCSTI "* ]] || skip "cannot run python3 under script(1) here: $OUT $ERR"
[[ "$OUT" == *"TIOCSTI ok"* ]] || note "the host refuses TIOCSTI already: this test cannot tell trydeb's protection apart"

on_pty "$TRYDEB" run --exec "$py" -- -c "$sti"
note "inside trydeb run, under script: exit $RC: $OUT"
assert_not_contains "$OUT" "TIOCSTI ok" "a program run by trydeb pushed a byte into the terminal with TIOCSTI"
assert_contains "$OUT" "TIOCSTI failed" "the program did not report its TIOCSTI attempt (did it run?): $ERR"

# also through the shell
on_pty env SHELL=/bin/sh "$TRYDEB" shell -- -c "$py -c '$sti'"
note "inside trydeb shell, under script: exit $RC: $OUT"
assert_not_contains "$OUT" "TIOCSTI ok" "a program in trydeb shell pushed a byte into the terminal with TIOCSTI"
assert_contains "$OUT" "TIOCSTI failed" "the program in trydeb shell did not report its TIOCSTI attempt (did it run?): $ERR"
