#!/bin/bash
# Dependencies neither the host nor the environment has: exit 2 before anything changes,
# and the error lists the missing packages (and only those).
. "$ITEST_DIR/lib.sh"

good=$(make_pkg trydeb-good 1.0 --file /usr/share/trydeb-good/data "good data")
needy=$(make_pkg trydeb-needy 1.0 \
    --depends 'trydeb-no-such-package (>= 1), coreutils, trydeb-missing-too' \
    --exe /usr/bin/trydeb-needy $'#!/bin/sh\necho needy' \
    --preinst 'echo "trydeb-needy preinst ran" >&2; touch /etc/trydeb-needy-preinst-ran')

assert_exit 0 td install "$good"
assert_exit 0 td list
list_before=$OUT
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

assert_exit 2 td install "$needy"
assert_one_line_error trydeb-no-such-package trydeb-missing-too
assert_not_contains "$ERR" "coreutils" "the error lists coreutils, which the host has"
assert_not_contains "$OUT$ERR" "preinst ran" "a maintainer script ran although dependencies are missing"

assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the refused install changed the environment"
assert_exit 0 td list
assert_eq "$list_before" "$OUT" "trydeb list after the refused install"
assert_exit 1 td run --exec test -- -e /usr/bin/trydeb-needy
assert_exit 1 td run --exec test -- -e /etc/trydeb-needy-preinst-ran
