#!/bin/bash
# Debian's real `hello` (apt-get download): install, run with and without arguments, list;
# the host's dpkg database and /usr/bin stay untouched.
. "$ITEST_DIR/lib.sh"

fixture_deb hello
cp "$FIXTURE" .
deb=$(basename "$FIXTURE")
version=$(dpkg-deb -f "$deb" Version)
arch=$(dpkg-deb -f "$deb" Architecture)
note "using $deb ($version, $arch)"

host_has_hello=
if dpkg-query -W -f '${Status}' hello 2>/dev/null | grep -q 'install ok installed'; then
    host_has_hello=1
    note "the host has hello installed: the host-side assertions are skipped"
fi

assert_exit 0 td install "./$deb"
assert_no_stacktrace
assert_contains "$OUT" "Setting up hello (1/1)" "install does not show dpkg's progress"
assert_not_contains "$OUT$ERR" "Selecting previously unselected package" "dpkg's chatter on screen"
assert_contains "$OUT" "Done: installed hello $version in environment 'default' (1 package, about " "the install's summary"
assert_contains "$OUT" "Run it with: trydeb run hello" "the install's last word"
assert_not_contains "$ERR" "trydeb: timing:" "phase times without TRYDEB_TIMINGS"

# the whole of dpkg's output is kept with the transaction
assert_exit 0 td log
assert_contains "$OUT" "Selecting previously unselected package hello." "trydeb log"
assert_contains "$OUT" "Setting up hello ($version) ..." "trydeb log"
assert_exit 0 td log 1
assert_contains "$OUT" "Setting up hello ($version) ..." "trydeb log 1"
assert_exit 2 td log 99
assert_last_line_error "no transaction 99"

assert_exit 0 td run hello
assert_eq "Hello, world!" "$OUT" "trydeb run hello"

# the very same file again: nothing to do, and no transaction for it (and -q says nothing)
assert_exit 0 td install "./$deb"
assert_contains "$OUT" "Nothing to do: environment 'default' already has what was asked"
assert_exit 0 td install -q "./$deb"
assert_eq "" "$OUT$ERR" "install -q with nothing to do"
assert_not_contains "$OUT" "will be replaced"
assert_exit 0 td list --json
assert_eq "1" "$(jq -r '.[] | select(.name == "hello") | .transaction' <<<"$OUT")" "hello's transaction after the second install"

assert_exit 0 td run hello -- --greeting=hi
assert_eq "hi" "$OUT" "trydeb run hello -- --greeting=hi"

assert_exit 0 td run --exec hello -- --greeting="two words"
assert_eq "two words" "$OUT" "trydeb run --exec hello"

assert_exit 0 td run --exec /usr/bin/hello
assert_eq "Hello, world!" "$OUT" "trydeb run --exec /usr/bin/hello"

assert_exit 0 td list
line=$(awk '$1 == "hello"' <<<"$OUT")
[[ -n "$line" ]] || fail "trydeb list does not show hello:"$'\n'"$OUT"
assert_eq "hello $version $arch" "$(awk '{ print $1, $2, $3 }' <<<"$line")" "trydeb list: name version architecture"
assert_eq 1 "$(grep -c . <<<"$OUT")" "trydeb list shows one package"

if [[ -z "$host_has_hello" ]]; then
    if dpkg-query -W -f '${Status}' hello 2>/dev/null | grep -q 'installed'; then
        fail "the host's dpkg now knows hello: $(dpkg-query -W -f '${Status}' hello)"
    fi
    run_cmd dpkg -s hello
    [[ $RC != 0 ]] || fail "dpkg -s hello succeeds on the host:"$'\n'"$OUT"
    assert_contains "$ERR" "not installed"
    assert_file_absent /usr/bin/hello "the host has /usr/bin/hello"
fi
