#!/bin/bash
# Bad input files: each is refused with exit 2 and one "trydeb: " line naming the file,
# without a stack trace, and the environment does not change.
. "$ITEST_DIR/lib.sh"

good=$(make_pkg trydeb-good 1.0 --file /usr/share/trydeb-good/data "good data")
assert_exit 0 td install "$good"
assert_exit 0 td list
list_before=$OUT
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

# a real package, large enough that a cut in its middle falls inside data.tar
real=$(make_pkg trydeb-real 1.0 --size 256 --exe /usr/bin/trydeb-real $'#!/bin/sh\necho real')
size=$(stat -c %s "$real")

mkdir a-directory.deb
echo "this is not a Debian package" >not-a-package.deb
: >empty.deb
head -c $((size / 2)) "$real" >truncated-in-data.deb
head -c 300 "$real" >truncated-in-control.deb

# a foreign architecture this dpkg is not configured for
native=$(dpkg --print-architecture)
foreign=
for a in armhf s390x mips64el ppc64el riscv64 arm64 i386; do
    if [[ $a != "$native" ]] && ! dpkg --print-foreign-architectures | grep -qx "$a"; then
        foreign=$a
        break
    fi
done
[[ -n "$foreign" ]] || fail "found no architecture that is foreign to this dpkg"
note "foreign architecture: $foreign"
make_pkg trydeb-foreign 1.0 --arch "$foreign" --out "$TEST_TMP/foreign-arch.deb" \
    --exe /usr/bin/trydeb-foreign $'#!/bin/sh\necho foreign' >/dev/null

for input in ./no-such-file.deb ./a-directory.deb ./not-a-package.deb ./empty.deb \
    ./truncated-in-data.deb ./truncated-in-control.deb ./foreign-arch.deb; do
    assert_exit 2 td install "$input"
    assert_one_line_error "$(basename "$input")"
    assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the refused install of $input changed the environment"
done

assert_exit 0 td list
assert_eq "$list_before" "$OUT" "trydeb list after the refused installs"
assert_exit 1 td run --exec test -- -e /usr/bin/trydeb-real
assert_exit 1 td run --exec test -- -e /usr/bin/trydeb-foreign

# a store under a directory every sandbox overlays (/var here) is refused up front, by name
# (overlayfs would refuse its layers inside its own lower directory), and nothing is created
var_store=$(mktemp -d /var/tmp/trydeb-itest-store.XXXXXX)
on_exit "rm -rf '$var_store'"
assert_exit 3 env XDG_DATA_HOME="$var_store/data" "$TRYDEB" install "$real"
assert_one_line_error "$var_store/data/trydeb" "/var" XDG_DATA_HOME
assert_file_absent "$var_store/data/trydeb/envs/default"

# a mistyped --env is an error naming the environments there are, for every command but
# install, and creates nothing
for cmd in list diff "info hello" "remove hello" rollback reset compact "export hello" "unexport hello" shell "run hello"; do
    # shellcheck disable=SC2086
    assert_exit 2 td --env tyop $cmd </dev/null
    assert_one_line_error "there is no environment 'tyop'" "default"
done
assert_file_absent "$(envs_dir)/tyop"
assert_exit 2 td remove x
assert_one_line_error "invalid package name 'x'"
assert_exit 0 td --env tyop install "$real"
assert_exit 0 td --env tyop list
assert_contains "$OUT" "trydeb-real"
