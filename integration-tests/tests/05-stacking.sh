#!/bin/bash
# Layers stack: B (Depends: trydeb-a) installs only because A is already in the environment.
. "$ITEST_DIR/lib.sh"

a=$(make_pkg trydeb-a 1.0 \
    --file /usr/share/trydeb-a/file "from-a" \
    --exe /usr/bin/trydeb-a $'#!/bin/sh\necho "trydeb-a says $(cat /usr/share/trydeb-a/file)"')
b=$(make_pkg trydeb-b 2.0 --depends 'trydeb-a (>= 1.0), coreutils' \
    --exe /usr/bin/trydeb-b $'#!/bin/sh\necho "trydeb-b sees $(cat /usr/share/trydeb-a/file)"\nexec trydeb-a')

# without A (another, fresh environment) B is refused, naming what is missing
assert_exit 2 td --env lonely install "$b"
assert_one_line_error trydeb-a
assert_exit 0 td --env lonely list
assert_eq "" "$OUT" "the refused install left packages in the environment"

assert_exit 0 td install "$a"
assert_contains "$OUT$ERR" "Setting up trydeb-a"
assert_exit 0 td install "$b"
assert_contains "$OUT$ERR" "Setting up trydeb-b"

assert_exit 0 td list
assert_eq $'trydeb-a 1.0\ntrydeb-b 2.0' "$(awk 'NF { print $1, $2 }' <<<"$OUT" | LC_ALL=C sort)" "trydeb list"

assert_exit 0 td run trydeb-a
assert_eq "trydeb-a says from-a" "$OUT"
assert_exit 0 td run trydeb-b
assert_eq $'trydeb-b sees from-a\ntrydeb-a says from-a' "$OUT"
