#!/bin/bash
# A .deb whose dependency the host lacks (Debian's cowsay needs libtext-charwidth-perl): apt
# works it out and fetches it as the user. Without a terminal and without -y, the plan is
# shown and refused; with -y both are installed, the dependency marked automatic, and the
# program runs. The same again by package name, in a second environment.
. "$ITEST_DIR/lib.sh"

if dpkg-query -W -f '${Status}' libtext-charwidth-perl 2>/dev/null | grep -q 'install ok installed'; then
    skip "the host has libtext-charwidth-perl, so cowsay needs nothing it lacks"
fi
fixture_deb cowsay
cp "$FIXTURE" .
deb=./$(basename "$FIXTURE")

good=$(make_pkg trydeb-good 1.0 --file /usr/share/trydeb-good/data "good data")
assert_exit 0 td install "$good"
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"
assert_exit 2 td install "$deb"
assert_contains "$OUT" "libtext-charwidth-perl" "the plan names the dependency"
assert_last_line_error "-y"
assert_no_stacktrace
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the refused plan changed the environment"

assert_exit 0 td install -y "$deb"
assert_no_stacktrace
assert_contains "$OUT" "Setting up libtext-charwidth-perl"
assert_file_absent /usr/games/cowsay "cowsay reached the host"
compgen -G "$XDG_CACHE_HOME/trydeb/archives/libtext-charwidth-perl_*.deb" >/dev/null \
    || fail "the dependency was not downloaded into \$XDG_CACHE_HOME/trydeb/archives"

assert_exit 0 td run cowsay -- moo
assert_contains "$OUT" "< moo >"

assert_exit 0 td list --json
rows=$(jq -r '.[] | "\(.name) \(.automatic)"' <<<"$OUT")
assert_contains "$rows" "cowsay false"
assert_contains "$rows" "libtext-charwidth-perl true"

assert_exit 0 td info --json libtext-charwidth-perl
assert_contains "$OUT" "CharWidth.pm" "info lists the package's files"

# By name, in another environment, reusing the downloaded files.
assert_exit 0 td --env byname install -y cowsay
assert_no_stacktrace
assert_not_contains "$OUT" "Get:" "files already in the cache were downloaded again"
# the sizes of files already downloaded come from the files: nothing to download, and the
# growth counted all the same
assert_contains "$OUT" "Need to download 0 B; the environment grows by about"
[[ "$OUT" =~ grows\ by\ about\ [1-9][0-9.]*\ (kB|MB) ]] || fail "no growth counted for cached files: $OUT"
assert_exit 0 td --env byname run cowsay -- hi
assert_contains "$OUT" "< hi >"
assert_exit 0 td --env byname list
assert_contains "$OUT" "libtext-charwidth-perl"
assert_not_contains "$OUT" "trydeb-good" "the second environment has the first one's package"
