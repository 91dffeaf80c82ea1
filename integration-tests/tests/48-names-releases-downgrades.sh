#!/bin/bash
# What people type: NAME/RELEASE is a package name (not a file path), and NAME=VERSION that
# is a downgrade from what the host has is planned, confirmed by -y and carried out as shown.
. "$ITEST_DIR/lib.sh"

release=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
[[ -n "$release" ]] || skip "/etc/os-release names no release"
version_in() { # PACKAGE SUITE: the version apt's sources offer in SUITE ("" if none)
    apt-cache madison "$1" 2>/dev/null | awk -F'|' -v s=" $2/" 'index($3, s) { gsub(/ /, "", $2); print $2; exit }'
}

sl_version=$(version_in sl "$release")
[[ -n "$sl_version" ]] || skip "apt offers no sl in $release (run apt-get update as root)"
assert_exit 0 td --env names install -y "sl/$release"
assert_exit 0 td --env names run --exec dpkg-query -- -W -f '${Version}' sl
assert_eq "$sl_version" "$OUT"
assert_exit 0 td --env names run --exec sh -- -c 'command -v sl'
assert_eq "/usr/games/sl" "$OUT"

# a downgrade: the host's jq is newer than the release's (the security suite has a fix); jq
# needs its own version of libjq1, so both are named, as apt itself wants it
host_jq=$(dpkg-query -W -f '${Version}' jq 2>/dev/null || true)
old_jq=$(version_in jq "$release")
[[ -n "$host_jq" && -n "$old_jq" ]] || skip "needs jq on the host and in $release"
dpkg --compare-versions "$old_jq" lt "$host_jq" || skip "the host's jq $host_jq is not newer than $release's $old_jq"
assert_exit 0 td --env downgrade install -y "jq=$old_jq" "libjq1=$old_jq"
assert_contains "$OUT" "$host_jq -> $old_jq"
assert_exit 0 td --env downgrade run --exec dpkg-query -- -W -f '${Version}' jq
assert_eq "$old_jq" "$OUT"
assert_exit 0 td --env downgrade run --exec jq -- -n '1 + 1'
assert_eq "2" "$OUT"
assert_eq "$host_jq" "$(dpkg-query -W -f '${Version}' jq)" "the host's jq"

# and by release: jq/RELEASE is the same downgrade (apt takes libjq1 from the release too)
assert_exit 0 td --env byrelease install -y "jq/$release"
assert_exit 0 td --env byrelease run --exec dpkg-query -- -W -f '${Version}' jq
assert_eq "$old_jq" "$OUT"
