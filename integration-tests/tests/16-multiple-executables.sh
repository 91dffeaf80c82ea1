#!/bin/bash
# `run PKG` picks the package's only executable; with several it fails listing them and
# `--exec NAME PKG` chooses; with none it fails.
. "$ITEST_DIR/lib.sh"

single=$(make_pkg trydeb-single 1.0 \
    --file /usr/share/trydeb-single/data "data" \
    --exe /usr/sbin/trydeb-single-tool $'#!/bin/sh\necho "single tool: $*"')
multi=$(make_pkg trydeb-multi 1.0 \
    --exe /usr/bin/trydeb-multi-one $'#!/bin/sh\necho one' \
    --exe /usr/sbin/trydeb-multi-two $'#!/bin/sh\necho "two: $*"' \
    --exe /usr/games/trydeb-multi-three $'#!/bin/sh\necho three')
none=$(make_pkg trydeb-none 1.0 --file /usr/share/trydeb-none/data "data")

assert_exit 0 td install "$single"
assert_exit 0 td install "$multi"
assert_exit 0 td install "$none"

# the only executable, even in /usr/sbin and named differently from the package
assert_exit 0 td run trydeb-single -- a "b c"
assert_eq "single tool: a b c" "$OUT"

assert_exit 2 td run trydeb-multi
assert_one_line_error trydeb-multi-one trydeb-multi-two trydeb-multi-three

assert_exit 0 td run --exec trydeb-multi-two trydeb-multi -- x y
assert_eq "two: x y" "$OUT"
assert_exit 0 td run --exec trydeb-multi-three trydeb-multi
assert_eq "three" "$OUT"

assert_exit 2 td run trydeb-none
assert_one_line_error trydeb-none

assert_exit 2 td run trydeb-not-installed-itest
assert_one_line_error trydeb-not-installed-itest
