#!/bin/bash
# A package that ships a setuid-root and a setgid binary: `trydeb diff` lists them as added by
# the package and flags them "setuid file" / "setgid file"; an ordinary file is not flagged.
. "$ITEST_DIR/lib.sh"

tree=$(make_pkg trydeb-suid 3.1 --tree-only)
mkdir -p "$tree/usr/bin" "$tree/usr/share/trydeb-suid"
printf '#!/bin/sh\necho suid\n' >"$tree/usr/bin/trydeb-suid"
printf '#!/bin/sh\necho sgid\n' >"$tree/usr/bin/trydeb-sgid"
chmod 0755 "$tree/usr/bin/trydeb-suid" "$tree/usr/bin/trydeb-sgid"
echo plain >"$tree/usr/share/trydeb-suid/plain"
deb="$TEST_TMP/trydeb-suid_3.1.deb"
build_deb_tar "$tree" "$deb" \
    --owner usr/bin/trydeb-suid root:root 4755 \
    --owner usr/bin/trydeb-sgid root:root 2755
listing=$(dpkg-deb -c "$deb")
grep -qE '^-rwsr-xr-x root/root .* \./usr/bin/trydeb-suid$' <<<"$listing" ||
    fail "the test package does not carry the setuid file (fixture problem):"$'\n'"$listing"
grep -qE '^-rwxr-sr-x root/root .* \./usr/bin/trydeb-sgid$' <<<"$listing" ||
    fail "the test package does not carry the setgid file (fixture problem):"$'\n'"$listing"

assert_exit 0 td install "$deb"
by_pkg=$(attr_pkg trydeb-suid 3.1)

assert_exit 0 td diff
full=$OUT
note "trydeb diff:"$'\n'"$full"
assert_diff_format "$full"
assert_diff_has "$full" added /usr/bin/trydeb-suid "$by_pkg"
assert_diff_has "$full" added /usr/bin/trydeb-sgid "$by_pkg"
assert_diff_has "$full" added /usr/share/trydeb-suid/plain "$by_pkg"
assert_suspicious "$full" /usr/bin/trydeb-suid "setuid file"
assert_suspicious "$full" /usr/bin/trydeb-sgid "setgid file"
assert_not_suspicious "$full" /usr/share/trydeb-suid/plain
assert_diff_lacks "$full" /usr/bin "the host's /usr/bin is listed as a change"

assert_exit 0 td diff --suspicious
assert_contains "$OUT" "/usr/bin/trydeb-suid" "trydeb diff --suspicious does not name the setuid file"
assert_contains "$OUT" "setuid file" "trydeb diff --suspicious does not give the reason 'setuid file'"
assert_contains "$OUT" "/usr/bin/trydeb-sgid" "trydeb diff --suspicious does not name the setgid file"
assert_not_contains "$OUT" "/usr/share/trydeb-suid/plain" "trydeb diff --suspicious names an ordinary file"

assert_exit 0 td diff --json
rows=$(diff_json_rows "$OUT_FILE")
note "trydeb diff --json as rows:"$'\n'"$rows"
tx=$(tx_of trydeb-suid)
check_row() {
    local path=$1 susp=$2 row j_kind j_source j_pkg j_ver j_tx j_susp
    row=$(awk -F'\t' -v p="$path" '$1 == p' <<<"$rows")
    [[ -n "$row" ]] || fail "trydeb diff --json has no object for $path"
    IFS=$'\t' read -r _ j_kind j_source j_pkg j_ver j_tx j_susp <<<"$row"
    assert_eq "added package trydeb-suid 3.1 $susp" "$j_kind $j_source $j_pkg $j_ver $j_susp" \
        "kind, source, package, version and suspicious of $path in --json"
    [[ "$j_tx" == "$tx" || "$j_tx" == null ]] || fail "transaction of $path in --json is '$j_tx' (expected $tx)"
}
check_row /usr/bin/trydeb-suid "setuid file"
check_row /usr/bin/trydeb-sgid "setgid file"
check_row /usr/share/trydeb-suid/plain null
