#!/bin/bash
# `trydeb --version`, `trydeb --help`, and usage errors (exit 2, short "trydeb: " message);
# the classes come from the class data sharing archive.
. "$ITEST_DIR/lib.sh"

assert_exit 0 td --version
assert_no_stacktrace
assert_eq 1 "$(grep -c . <<<"$OUT")" "--version prints exactly one line"
[[ $OUT =~ ^trydeb\ [0-9][0-9A-Za-z.+~-]*$ ]] || fail "--version prints '$OUT', expected 'trydeb <version>'"
note "version: $OUT"

# The JVM loads trydeb's classes from its class data sharing archive (bin/trydeb).
JAVA_TOOL_OPTIONS=-Xlog:class+load=info run_cmd td --version
assert_eq 0 "$RC" "--version with class loading logged: $ERR"
assert_contains "$OUT" "dev.trydeb.cli.Main source: shared objects file" "Main was not loaded from the archive"

assert_exit 0 td --stacktrace --version
[[ $OUT =~ ^trydeb\ [0-9] ]] || fail "--stacktrace --version prints '$OUT'"

assert_exit 0 td --help
assert_no_stacktrace
for cmd in install run shell list reset; do
    grep -qE "(^|[^A-Za-z-])$cmd([^A-Za-z-]|$)" <<<"$OUT" || fail "--help does not list the command '$cmd':"$'\n'"$OUT"
done

# an unknown command: usage error
assert_exit 2 td frobnicate-itest
assert_no_stacktrace
[[ "$(head -n 1 <<<"$ERR")" == "trydeb: "* ]] || fail "the first line of stderr does not start with 'trydeb: ':"$'\n'"$ERR"
assert_contains "$ERR" "frobnicate-itest" "the usage error does not name the unknown command"
lines=$(grep -c . <<<"$ERR" || true)
((lines <= 30)) || fail "the usage error is not short ($lines lines):"$'\n'"$ERR"

# a missing required argument: usage error
assert_exit 2 td install
assert_no_stacktrace
[[ "$(head -n 1 <<<"$ERR")" == "trydeb: "* ]] || fail "the first line of stderr does not start with 'trydeb: ':"$'\n'"$ERR"

# an unknown option: usage error
assert_exit 2 td list --no-such-option-itest
assert_no_stacktrace
[[ "$(head -n 1 <<<"$ERR")" == "trydeb: "* ]] || fail "the first line of stderr does not start with 'trydeb: ':"$'\n'"$ERR"
