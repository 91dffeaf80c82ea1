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

# Debian's bash prompt shows where the shell runs: "(trydeb:ENV)user@host:~$" (debian_chroot)
if [[ -x /bin/bash ]]; then
    SHELL=/bin/bash assert_exit 0 td shell -- -ic 'echo "prompt=${PS1@P}"'
    assert_contains "$OUT" "(trydeb:default)$(id -un)@" "the prompt of an interactive bash inside"
fi
# the same marker for a program started again from its saved plan (the launcher's fast path)
for attempt in first again; do
    assert_exit 0 td run --exec printenv -- debian_chroot TRYDEB_ENV
    assert_eq $'trydeb:default\ndefault' "$OUT" "the markers inside ($attempt run)"
done
