#!/bin/bash
# `trydeb doctor` passes on a machine where trydeb works (every line ok or a warning, exit 0,
# the same in --json), and names the problem and its fix, with exit 3, where it cannot: user
# namespaces disabled, a store on a file system without user extended attributes. A user
# without subordinate ids is told how to get them (a warning: trydeb works, with less). The
# other commands' errors for these causes, trydeb's and the sandbox helper's, point to doctor.
#
# The test user cannot change the host, so the broken setups are made in a user and mount
# namespace of the test's own (unshare, as the test user): user.max_user_namespaces set to 0
# there (it is per user namespace), a ramfs, which keeps no user xattrs, mounted as the
# store's directory, and an empty file bound over /etc/subuid. trydeb runs there as the
# user, without the capabilities of that namespace (setpriv).
. "$ITEST_DIR/lib.sh"

# ------------------------------------------------------------------ this machine: trydeb works
assert_exit 0 td doctor
note "$OUT"
assert_no_stacktrace
bad=$(sed '$d' <<<"$OUT" | grep -vE '^(ok|warning): [A-Za-z_-]+: ' || true)
[[ -z "$bad" ]] || fail "doctor lines that are neither ok nor a warning:"$'\n'"$bad"$'\n'"--- whole output:"$'\n'"$OUT"
assert_contains "$(tail -n 1 <<<"$OUT")" "trydeb can work here" "the verdict"
assert_contains "$OUT" "ok: sandbox: the helper " "the helper's sandbox probe"
assert_contains "$OUT" "ok: store: the store $XDG_DATA_HOME/trydeb" "the store's file system"
# it leaves nothing behind where the store will be
assert_eq "" "$(find "$XDG_DATA_HOME" -name '.trydeb-doctor-*')" "scratch directories left by the doctor"

tool=$(json_tool)
if [[ $tool == jq ]]; then
    assert_exit 0 td doctor --json
    assert_eq "true" "$(jq -r .usable "$OUT_FILE")" "usable in --json"
    assert_eq "0" "$(jq '[.checks[] | select(.status == "error")] | length' "$OUT_FILE")" "errors in --json"
    assert_eq "ok" "$(jq -r '.checks[] | select(.check == "sandbox") | .status' "$OUT_FILE")" "the sandbox check in --json"
else
    note "no jq: --json not checked"
fi

# ------------------------------------------------------------------ namespaces of the test's own
unshare --user --map-current-user --keep-caps --mount true 2>/dev/null ||
    skip "unshare --map-current-user --keep-caps (util-linux 2.38) does not work here"
# in_namespace SETUP -- CMD...: SETUP (shell code, with the namespace's capabilities), then CMD as the plain user
in_namespace() {
    local setup=$1
    shift 2
    unshare --user --map-current-user --keep-caps --mount sh -c "$setup"' && exec setpriv --inh-caps=-all --ambient-caps=-all -- "$@"' \
        sh "$@"
}
deb=$(make_pkg trydeb-itest-doctor 1.0 --exe /usr/bin/trydeb-itest-doctor $'#!/bin/sh\necho fine')

# ------------------------------------------------------------------ no user namespaces
# user.max_user_namespaces belongs to each user namespace: 0 in the test's own forbids new ones in it
run_cmd unshare --user --map-current-user --keep-caps sh -c 'echo 0 >/proc/sys/user/max_user_namespaces'
[[ $RC == 0 ]] || skip "cannot set user.max_user_namespaces in a user namespace of the test's: $ERR"
no_userns="echo 0 >/proc/sys/user/max_user_namespaces"
run_cmd in_namespace "$no_userns" -- "$TRYDEB" doctor
note "$OUT"
assert_eq 3 "$RC" "doctor's exit status where user namespaces are disabled (stderr: $ERR)"
assert_contains "$OUT" "error: max-user-namespaces: user namespaces are disabled (user.max_user_namespaces = 0); fix: sudo sysctl -w user.max_user_namespaces=15000"
assert_contains "$OUT" "error: sandbox: the helper "
assert_contains "$OUT" "cannot create a user namespace: No space left on device"
# install checks the sysctl itself; a saved run goes straight to the helper, which says it too
run_cmd in_namespace "$no_userns" -- "$TRYDEB" install "$deb"
assert_eq 3 "$RC" "install's exit status where user namespaces are disabled"
assert_one_line_error "user.max_user_namespaces=0" "(run 'trydeb doctor' for details)"
assert_exit 0 td install "$deb"
assert_exit 0 td run trydeb-itest-doctor
assert_exit 0 without_java td run trydeb-itest-doctor # the plan is saved: the helper starts it
run_cmd in_namespace "$no_userns" -- "$TRYDEB" run trydeb-itest-doctor
assert_eq 125 "$RC" "a saved run's exit status where user namespaces are disabled"
assert_last_line_error "cannot create a user namespace" "(run 'trydeb doctor' for details)"
assert_exit 0 td reset

# ------------------------------------------------------------------ a store without user xattrs
ramfs="$TEST_TMP/ramfs"
mkdir "$ramfs"
ramfs_up="mount -t ramfs none '$ramfs' && mkdir '$ramfs/data'"
in_namespace "$ramfs_up" -- python3 -c 'import os, sys; open(sys.argv[1], "w").close(); os.setxattr(sys.argv[1], "user.x", b"1")' \
    "$ramfs/probe" 2>/dev/null && skip "ramfs keeps user xattrs on this kernel: no file system without them to test with"
XDG_DATA_HOME="$ramfs/data" run_cmd in_namespace "$ramfs_up" -- "$TRYDEB" doctor
note "$OUT"
assert_eq 3 "$RC" "doctor's exit status with the store on a ramfs (stderr: $ERR)"
assert_contains "$OUT" "error: store: the store $ramfs/data/trydeb would be on a file system without user extended attributes"
assert_contains "$OUT" "; fix: set XDG_DATA_HOME to a directory on a local ext4, xfs, btrfs or tmpfs file system"
assert_eq "trydeb cannot work here: fix the errors above" "$(tail -n 1 <<<"$OUT")"

XDG_DATA_HOME="$ramfs/data" run_cmd in_namespace "$ramfs_up" -- "$TRYDEB" install "$deb"
assert_eq 3 "$RC" "install's exit status with the store on a ramfs"
assert_one_line_error "user extended attributes" "(run 'trydeb doctor' for details)"

# ------------------------------------------------------------------ no subordinate ids
getent passwd daemon >/dev/null && getent group daemon >/dev/null || skip "no daemon user/group on this machine"
: >"$TEST_TMP/no-subuid"
no_subuid="mount --bind '$TEST_TMP/no-subuid' /etc/subuid"
run_cmd in_namespace "$no_subuid" -- "$TRYDEB" doctor
note "$OUT"
assert_eq 0 "$RC" "doctor's exit status without subordinate uids (stderr: $ERR)"
assert_contains "$OUT" "warning: subordinate-ids: no range of 65536 ids for $(id -un) in /etc/subuid: "
assert_contains "$OUT" "; fix: sudo usermod --add-subuids "
assert_contains "$(tail -n 1 <<<"$OUT")" "trydeb can work here, with less"

tree=$(make_pkg trydeb-itest-owned 1.0 --tree-only)
mkdir -p "$tree/usr/share/trydeb-itest-owned"
echo "owned by daemon" >"$tree/usr/share/trydeb-itest-owned/daemon-file"
owned="$TEST_TMP/trydeb-itest-owned_1.0.deb"
build_deb_tar "$tree" "$owned" --owner usr/share/trydeb-itest-owned/daemon-file daemon:daemon 0644
run_cmd in_namespace "$no_subuid" -- "$TRYDEB" install "$owned"
assert_eq 3 "$RC" "install's exit status for a daemon-owned file without subordinate ids"
assert_one_line_error "needs subordinate ids" "(run 'trydeb doctor' for details)"
