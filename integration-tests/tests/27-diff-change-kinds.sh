#!/bin/bash
# `trydeb diff` names every kind of change (try's summary semantics): added, new-directory
# (made by a program in the runtime layer), modified, deleted, metadata, dir-to-file,
# file-to-dir and symlink-changed (made by a postinst on the host's own files).
. "$ITEST_DIR/lib.sh"

# host objects of base-files (essential on Debian) the postinst changes inside the environment.
# The kernel will not copy up a host-root-owned file for a non-root mounter, so an in-place
# write or chmod of one fails inside trydeb; the postinst changes them as dpkg and sed -i
# do, by writing a new file and renaming it over the old one.
declare -A need=(
    [/etc/debian_version]=f   # modified
    [/etc/issue.net]=f        # deleted
    [/etc/issue]=f            # metadata (chmod)
    [/etc/update-motd.d]=d    # dir-to-file
    [/etc/motd]=f             # file-to-dir
    [/etc/os-release]=l       # symlink-changed
)
for p in "${!need[@]}"; do
    case ${need[$p]} in
        f) [[ -f "$p" && ! -L "$p" ]] ;;
        d) [[ -d "$p" && ! -L "$p" ]] ;;
        l) [[ -L "$p" ]] ;;
    esac || skip "this machine has no $p of the expected type (${need[$p]}) to change"
done
[[ "$(stat -c %a /etc/issue)" != 600 ]] || skip "/etc/issue already has mode 600"
new_target=../usr/share/trydeb-kinds/os-release
[[ "$(readlink /etc/os-release)" != "$new_target" ]] || skip "/etc/os-release already points at $new_target"

deb=$(make_pkg trydeb-kinds 1.0 --file /usr/share/trydeb-kinds/os-release "ID=trydeb" --postinst "set +e
$RT_POSTINST || echo 'case runtime-dir: failed' >&2
{ cat /etc/debian_version && echo changed; } > /etc/debian_version.new && mv /etc/debian_version.new /etc/debian_version || echo 'case modified: failed' >&2
rm /etc/issue.net || echo 'case deleted: failed' >&2
cp /etc/issue /etc/issue.new && chmod 0600 /etc/issue.new && mv /etc/issue.new /etc/issue || echo 'case metadata: failed' >&2
{ rm -rf /etc/update-motd.d && echo now-a-file > /etc/update-motd.d; } || echo 'case dir-to-file: failed' >&2
{ rm -f /etc/motd && mkdir /etc/motd; } || echo 'case file-to-dir: failed' >&2
ln -sfn $new_target /etc/os-release || echo 'case symlink-changed: failed' >&2
exit 0")
assert_exit 0 td install "$deb"
install_out="$OUT"$'\n'"$ERR"
tx=$(tx_of trydeb-kinds)
by_scripts=$(attr_scripts trydeb-kinds "$tx")

# a program, as the user, in the runtime layer
assert_exit 0 td run --exec sh -- -c "echo new > $RT_DIR/added-file && mkdir $RT_DIR/new-dir"

assert_exit 0 td diff
full=$OUT
note "trydeb diff:"$'\n'"$full"
assert_diff_format "$full"

failures=()
# check_case CASE KIND PATH ATTRIBUTION
check_case() {
    local case=$1 kind=$2 path=$3 attr=$4 got
    got=$(diff_line_for "$full" "$path")
    if [[ "$got" != "$kind"$'\t'"$path"$'\t'"$attr" ]]; then
        failures+=("case $case: expected '$kind  $path  ($attr)', got: ${got:-(no line for $path)}")
    fi
}
check_case added added "$RT_DIR/added-file" runtime
check_case new-directory new-directory "$RT_DIR/new-dir" runtime
check_case modified modified /etc/debian_version "$by_scripts"
check_case deleted deleted /etc/issue.net "$by_scripts"
check_case metadata metadata /etc/issue "$by_scripts"
check_case dir-to-file dir-to-file /etc/update-motd.d "$by_scripts"
check_case file-to-dir file-to-dir /etc/motd "$by_scripts"
check_case symlink-changed symlink-changed /etc/os-release "$by_scripts"
# the postinst's sticky directory, and the shipped file
check_case "new-directory (postinst)" new-directory "$RT_DIR" "$by_scripts"
check_case "added (package)" added /usr/share/trydeb-kinds/os-release "$(attr_pkg trydeb-kinds 1.0)"
if ((${#failures[@]})); then
    fail "$(printf '%s\n' "${failures[@]}")"$'\n'"--- trydeb diff:"$'\n'"$full"$'\n'"--- output of the install:"$'\n'"$install_out"
fi

# the runtime filter keeps exactly the program's two changes
assert_exit 0 td diff --runtime
assert_eq "$RT_DIR/added-file"$'\n'"$RT_DIR/new-dir" "$(diff_paths "$OUT")" "the paths of trydeb diff --runtime"
assert_diff_has "$OUT" added "$RT_DIR/added-file" runtime
assert_diff_has "$OUT" new-directory "$RT_DIR/new-dir" runtime
assert_exit 0 td diff --runtime --json
rows=$(diff_json_rows "$OUT_FILE")
assert_eq "$RT_DIR/added-file added runtime null null null"$'\n'"$RT_DIR/new-dir new-directory runtime null null null" \
    "$(awk -F'\t' '{ print $1, $2, $3, $4, $5, $6 }' <<<"$rows" | LC_ALL=C sort)" \
    "path, kind, source, package, version and transaction of the runtime changes in --json"
