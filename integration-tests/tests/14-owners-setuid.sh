#!/bin/bash
# Files owned by another user (daemon:daemon) and a setuid-root file: install works through
# the subordinate uid mapping; inside run the file keeps a non-root owner and the setuid
# file keeps mode 4755.
. "$ITEST_DIR/lib.sh"

getent passwd daemon >/dev/null && getent group daemon >/dev/null || skip "no daemon user/group on this machine"

tree=$(make_pkg trydeb-owners 1.0 --tree-only)
mkdir -p "$tree/usr/share/trydeb-owners" "$tree/usr/bin"
echo "owned by daemon" >"$tree/usr/share/trydeb-owners/daemon-file"
printf '#!/bin/sh\necho suid\n' >"$tree/usr/bin/trydeb-owners-suid"
chmod 0755 "$tree/usr/bin/trydeb-owners-suid"
deb="$TEST_TMP/trydeb-owners_1.0.deb"
build_deb_tar "$tree" "$deb" \
    --owner usr/share/trydeb-owners/daemon-file daemon:daemon 0644 \
    --owner usr/bin/trydeb-owners-suid root:root 4755

listing=$(dpkg-deb -c "$deb")
note "package contents:"$'\n'"$listing"
grep -qE '^-rw-r--r-- daemon/daemon .* \./usr/share/trydeb-owners/daemon-file$' <<<"$listing" ||
    fail "the test package does not carry the daemon owner (fixture problem)"
grep -qE '^-rwsr-xr-x root/root .* \./usr/bin/trydeb-owners-suid$' <<<"$listing" ||
    fail "the test package does not carry the setuid file (fixture problem)"

assert_exit 0 td install "$deb"
assert_no_stacktrace

assert_exit 0 td run --exec stat -- -c '%U %u %a' /usr/share/trydeb-owners/daemon-file
note "inside run, daemon-file is: $OUT (user name, uid, mode)"
read -r owner owner_uid mode <<<"$OUT"
assert_eq 644 "$mode" "mode of daemon-file"
[[ "$owner" != root && "$owner_uid" != 0 ]] || fail "daemon-file is owned by root inside run: $OUT"
[[ "$owner_uid" != "$(id -u)" ]] || fail "daemon-file is owned by the user inside run (its owner was squashed): $OUT"

assert_exit 0 td run --exec stat -- -c '%a %U' /usr/bin/trydeb-owners-suid
note "inside run, trydeb-owners-suid is: $OUT (mode, owner)"
assert_eq 4755 "${OUT%% *}" "mode of the setuid file inside run"

# on the host, the file (wherever the store keeps it) belongs to one of the user's subordinate uids
sub=$(awk -F: -v u="$(id -un)" -v i="$(id -u)" '($1 == u || $1 == i) { print $2, $3; exit }' /etc/subuid)
host_file=$(find "$XDG_DATA_HOME/trydeb" -name daemon-file -type f 2>/dev/null | head -n 1 || true)
if [[ -n "$host_file" && -n "$sub" ]]; then
    read -r sub_start sub_count <<<"$sub"
    host_uid=$(stat -c %u "$host_file")
    note "on the host: $host_file is owned by uid $host_uid (subordinate range $sub_start+$sub_count)"
    ((host_uid >= sub_start && host_uid < sub_start + sub_count)) ||
        fail "on the host, daemon-file is owned by uid $host_uid, outside the subordinate range $sub_start+$sub_count"
else
    note "daemon-file not found as a plain file in the store (or no /etc/subuid entry): host-side owner not checked"
fi
