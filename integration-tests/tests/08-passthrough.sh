#!/bin/bash
# run passes through the exit status, arguments, stdin, environment, cwd (inside home) and
# runs as the user's own uid.
. "$ITEST_DIR/lib.sh"

assert_exit 42 td run --exec sh -- -c 'exit 42'
assert_exit 0 td run --exec true
assert_exit 1 td run --exec false
assert_exit 3 td run --exec /bin/sh -- -c 'echo to-stdout; echo to-stderr >&2; exit 3'
assert_eq "to-stdout" "$OUT"
assert_contains "$ERR" "to-stderr"

# arguments: spaces, quotes, empty strings, leading dashes, a second --, globs, $vars,
# newlines, non-ASCII
check_args() {
    printf '%s\0' "$@" >expected-args
    assert_exit 0 td run --exec printf -- '%s\0' "$@"
    if ! cmp -s expected-args "$OUT_FILE"; then
        fail "arguments did not arrive intact (one per line, shell-quoted; < sent, > arrived):"$'\n'"$(
            diff <(xargs -0 -n 1 printf '%q\n' <expected-args) <(xargs -0 -n 1 printf '%q\n' <"$OUT_FILE"))"
    fi
}
check_args 'a b' '"double"' "'single'" '' '-x' '--long=v' '--' '-' '*' '$HOME' $'tab\tx' $'new\nline' 'ü €' '  '

# stdin
assert_exit 0 td run --exec cat <<<"hi"
assert_eq "hi" "$OUT"
head -c 1048576 /dev/urandom >blob
assert_exit 0 td run --exec sha256sum <blob
assert_eq "$(sha256sum <blob)" "$OUT" "1 MiB of binary stdin"

# environment
export TRYDEB_ITEST_VAR='a value; with $pecial "chars"'
assert_exit 0 td run --exec printenv -- TRYDEB_ITEST_VAR
assert_eq "$TRYDEB_ITEST_VAR" "$OUT"
TRYDEB_ITEST_VAR2=only-for-this-call assert_exit 0 td run --exec printenv -- TRYDEB_ITEST_VAR2
assert_eq "only-for-this-call" "$OUT"

# identity
assert_exit 0 td run --exec id -- -u
assert_eq "$(id -u)" "$OUT" "uid inside"
assert_exit 0 td run --exec id -- -g
assert_eq "$(id -g)" "$OUT" "gid inside"

# cwd inside home is kept
cwd_dir=$(mktemp -d "$HOME/.trydeb-itest-cwd.XXXXXX")
on_exit "rm -rf '$cwd_dir'"
mkdir "$cwd_dir/sub dir"
cd "$cwd_dir/sub dir" || exit 1
assert_exit 0 td run --exec pwd
assert_eq "$cwd_dir/sub dir" "$OUT" "cwd inside home"
echo "relative" >here
assert_exit 0 td run --exec cat -- here
assert_eq "relative" "$OUT" "relative path from the kept cwd"
cd "$TEST_TMP" || exit 1

# an argument that looks like a picocli @argument-file must not be expanded
echo EXPANDED >itest-at-arg
check_args '@itest-at-arg' '@./itest-at-arg' 'x@itest-at-arg'
