#!/bin/bash
# itest: changes-host
# A run sandbox shows the host's directories below /usr that no layer touches straight from
# the host, read-only (a world-writable directory below one stays unwritable and the host
# unchanged), and everything a layer touches through the overlay: a package's file added to
# a host directory, a host package the environment removed (its whiteouts hide it), and a
# host directory the user may write to. A host directory removed after a run saved its plan
# is simply gone on the next run without Java.
# Runs as root (the runner's host phase); trydeb itself runs as the test user.
. "$ITEST_DIR/lib.sh"

untouched=/usr/share/trydeb-itest-untouched
writable=/usr/share/trydeb-itest-writable
[[ ! -e $untouched && ! -e $writable ]] || skip "$untouched or $writable exists on the host already"
dpkg -s trydeb-itest-hostpkg >/dev/null 2>&1 && skip "trydeb-itest-hostpkg is installed on the host already"
on_exit "rm -rf '$untouched' '$writable'; dpkg --purge trydeb-itest-hostpkg >/dev/null 2>&1 || true"

mkdir -p "$untouched/sub" "$writable"
echo "host's own" >"$untouched/sub/file"
chmod 1777 "$untouched/sub" "$writable"
hostpkg=$(make_pkg trydeb-itest-hostpkg 1.0 --file /usr/share/trydeb-itest-hostpkg/data/file 'host package')
dpkg -i "$hostpkg" >/dev/null || fail "cannot install the host package"

probe=$(make_pkg trydeb-itest-probe 1.0 \
    --file /usr/share/common-licenses/trydeb-itest-probe 'added by the environment' \
    --exe /usr/bin/trydeb-itest-probe "#!/bin/sh
test -d $untouched && echo present || echo absent")
assert_exit 0 td install -y "$probe"
assert_exit 0 td remove -y trydeb-itest-hostpkg
assert_no_stacktrace

host_dev=$(stat -c %d /usr/share)
assert_exit 0 td run --exec sh -- -c "stat -c %d $untouched /usr/share/common-licenses /usr/share/common-licenses/GPL-3 $writable
cat $untouched/sub/file /usr/share/common-licenses/trydeb-itest-probe
test -e /usr/share/trydeb-itest-hostpkg && echo 'removed package visible'
touch $untouched/sub/from-inside 2>/dev/null && echo 'wrote into the host directory'
grep -c ' $untouched ' /proc/self/mountinfo"
mapfile -t lines <<<"$OUT"
assert_eq "$host_dev" "${lines[0]}" "the untouched host directory is the host's own (its device)"
[[ "${lines[1]}" != "$host_dev" ]] || fail "/usr/share/common-licenses, which the package adds to, is not the overlay"
[[ "${lines[2]}" != "$host_dev" ]] || fail "a host file in a directory the package adds to is not seen through the overlay"
[[ "${lines[3]}" != "$host_dev" ]] || fail "a host directory everyone may write to is not the overlay"
assert_eq "host's own" "${lines[4]}" "the untouched host directory's contents"
assert_eq "added by the environment" "${lines[5]}" "the package's file in a host directory"
assert_not_contains "$OUT" "removed package visible" "a host package removed in the environment"
assert_not_contains "$OUT" "wrote into the host directory" "the untouched host directory is read-only"
assert_eq "1" "${lines[-1]}" "one mount for the untouched directory (not copied again below the home)"
assert_file_absent "$untouched/sub/from-inside" "the host directory is unchanged"
[[ -e /usr/share/trydeb-itest-hostpkg/data/file ]] || fail "the host's copy of the removed package is gone"

assert_exit 0 td run trydeb-itest-probe
assert_eq "present" "$OUT"
assert_exit 0 without_java td run trydeb-itest-probe
assert_eq "present" "$OUT" "the saved plan's run"
rm -rf "$untouched"
assert_exit 0 without_java td run trydeb-itest-probe
assert_no_stacktrace
assert_eq "absent" "$OUT" "a saved plan's run after the host removed a directory it shows from the host"
