#!/bin/bash
# `trydeb shell` runs the user's $SHELL inside the environment (here fed from a pipe) and
# returns its exit status.
. "$ITEST_DIR/lib.sh"

deb=$(make_pkg trydeb-sh 1.0 --exe /usr/bin/trydeb-sh-prog $'#!/bin/sh\necho prog inside')
assert_exit 0 td install "$deb"

export SHELL=/bin/sh
assert_exit 7 td shell <<<'echo "uid $(id -u)"; trydeb-sh-prog; exit 7'
assert_contains "$OUT" "uid $(id -u)"
assert_contains "$OUT" "prog inside"
