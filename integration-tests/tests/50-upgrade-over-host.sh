#!/bin/bash
# itest: changes-host
# The host has an older rsync (installed here, as root); the environment takes the newer one
# from the mirror over it: dpkg replaces the host's files in the new layer only. The list
# records the host version it overrides; rollback brings the host's version back inside.
# Runs as root (the runner's host phase); trydeb itself runs as the test user.
. "$ITEST_DIR/lib.sh"

pkg=rsync
if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'installed'; then
    skip "the host has $pkg installed already; this test needs to install an older one itself"
fi
mapfile -t versions < <(apt-cache madison "$pkg" | awk '{ print $3 }' | sort -u | sort -V)
((${#versions[@]} >= 2)) || skip "the mirror has only one version of $pkg: ${versions[*]}"
old=${versions[0]}
new=${versions[-1]}
note "host gets $pkg $old, the environment $new"

before=$(dpkg-query -W -f '${Package}\n' | sort)
restore_host() {
    local added
    added=$(comm -13 <(echo "$before") <(dpkg-query -W -f '${Package}\n' | sort) | tr '\n' ' ')
    [[ -z "$added" ]] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $added >/dev/null
}
on_exit restore_host
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg=$old" >/dev/null
host_version_line=$(rsync --version | sed -n 1p)

assert_exit 2 td install "$pkg"
assert_contains "$OUT" "$pkg $old -> $new" "the plan shows the host package being replaced"
assert_last_line_error "-y"

assert_exit 0 td install -y "$pkg"
assert_no_stacktrace
assert_exit 0 td list --json
assert_eq "$new $old" "$(jq -r ".[] | select(.name == \"$pkg\") | \"\(.version) \(.overridesHostVersion)\"" <<<"$OUT")" \
    "version and overridden host version in list --json"

assert_exit 0 td run "$pkg" -- --version
env_version_line=$(head -n 1 <<<"$OUT")
[[ "$env_version_line" != "$host_version_line" ]] || fail "the environment runs the host's $pkg: $env_version_line"
assert_eq "$host_version_line" "$(rsync --version | sed -n 1p)" "the host's rsync changed"
assert_eq "$old" "$(dpkg-query -W -f '${Version}' "$pkg")" "the host's dpkg database changed"
assert_exit 0 td shell -- -c "dpkg-query -W -f '\${Version}' $pkg"
assert_eq "$new" "$OUT" "dpkg's version of $pkg inside"

assert_exit 0 td rollback
assert_exit 0 td shell -- -c "rsync --version | sed -n 1p; dpkg-query -W -f '\${Version}' $pkg"
assert_eq "$host_version_line"$'\n'"$old" "$OUT" "after rollback the host's $pkg shows inside"
