#!/bin/bash
# A postinst that fails: install exits 1 and the environment is left exactly as it was.
. "$ITEST_DIR/lib.sh"

good=$(make_pkg trydeb-good 1.0 --file /usr/share/trydeb-good/data "good data")
bad=$(make_pkg trydeb-bad 1.0 \
    --file /usr/share/trydeb-bad/data "bad data" \
    --exe /usr/bin/trydeb-bad $'#!/bin/sh\necho bad' \
    --postinst 'echo "trydeb-bad: this postinst fails on purpose" >&2
touch /etc/trydeb-bad-was-here
exit 1')

assert_exit 0 td install "$good"
assert_exit 0 td list
list_before=$OUT
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

assert_exit 1 td install "$bad"
assert_last_line_error
assert_contains "$OUT$ERR" "trydeb-bad: this postinst fails on purpose" "the script's problem is not shown"
# the whole output stays with the failed transaction, which the last line names
tx=$(grep -o 'its whole output: trydeb log [0-9]*' <<<"$ERR" | grep -o '[0-9]*$') ||
    fail "the failure does not say where its whole output is:"$'\n'"$ERR"

# the database may record the failed transaction; the layers must not change at all
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the failed install changed the environment's files"
assert_exit 0 td list
assert_eq "$list_before" "$OUT" "trydeb list after the failed install"
assert_exit 0 td log "$tx"
assert_contains "$OUT" "Setting up trydeb-bad (1.0) ..." "trydeb log $tx"
assert_contains "$OUT" "trydeb-bad: this postinst fails on purpose" "trydeb log $tx"

assert_exit 1 td run --exec test -- -e /usr/share/trydeb-bad/data
assert_exit 1 td run --exec test -- -e /etc/trydeb-bad-was-here
assert_exit 1 td run --exec test -- -e /usr/bin/trydeb-bad
assert_exit 0 td run --exec cat -- /usr/share/trydeb-good/data
assert_eq "good data" "$OUT"
