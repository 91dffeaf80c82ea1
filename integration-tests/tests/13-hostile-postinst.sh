#!/bin/bash
# A postinst running `rm -rf --no-preserve-root /` (after aiming at the real home, /home,
# /tmp and the store by name): the host (checked by the runner), the real home, the user's
# files in /tmp and /dev/shm, and the store survive; trydeb stays usable.
. "$ITEST_DIR/lib.sh"

me=$(id -un)
real_home=$(getent passwd "$me" | cut -d: -f6)
[[ -d "$real_home" ]] || skip "the test user $me has no home directory ($real_home)"

home_canary=$(mktemp "$real_home/.trydeb-itest-canary.XXXXXX")
echo canary >"$home_canary"
on_exit "rm -f '$home_canary'"
tmp_canary=$(mktemp /tmp/trydeb-itest-canary.XXXXXX)
echo canary >"$tmp_canary"
on_exit "rm -f '$tmp_canary'"
shm_canary=
if [[ -d /dev/shm && -w /dev/shm ]]; then
    shm_canary=$(mktemp /dev/shm/trydeb-itest-canary.XXXXXX)
    echo canary >"$shm_canary"
    on_exit "rm -f '$shm_canary'"
fi
# the XDG directories live under /tmp (the runner's scratch), not in the home
snapshot "$real_home" "$TEST_TMP/home-before.txt"
note "home $real_home before: tree_digest $(sha256sum <"$TEST_TMP/home-before.txt" | cut -c1-64), $(grep -c . "$TEST_TMP/home-before.txt") lines"
snapshot "$FIXTURES" "$TEST_TMP/fixtures-before.txt"

good=$(make_pkg trydeb-good 1.0 --exe /usr/bin/trydeb-good $'#!/bin/sh\necho still good')
assert_exit 0 td install "$good"

hostile=$(make_pkg trydeb-hostile 1.0 --file /usr/share/trydeb-hostile/README "hostile" \
    --postinst "set +e
rm -rf --no-preserve-root '$real_home' /home/* /tmp/* /var/tmp/* /dev/shm/* '$XDG_DATA_HOME' '$XDG_CACHE_HOME' '$FIXTURES' '$TEST_TMP' 2>/dev/null
rm -rf --no-preserve-root / 2>/dev/null
exit 0")

run_cmd timeout 240 "$TRYDEB" install "$hostile"
note "install of the hostile package exited $RC"
((RC != 124)) || fail "the hostile install did not finish within 240s"
assert_no_stacktrace

[[ -f "$home_canary" ]] || fail "the canary in the real home is gone"
[[ -f "$tmp_canary" ]] || fail "the canary in the host's /tmp is gone"
[[ -z "$shm_canary" || -f "$shm_canary" ]] || fail "the canary in the host's /dev/shm is gone"
note "home $real_home after:  tree_digest $(tree_digest "$real_home")"
assert_unchanged "$real_home" "$TEST_TMP/home-before.txt" "the real home changed"
assert_unchanged "$FIXTURES" "$TEST_TMP/fixtures-before.txt" "the runner's fixtures (in the host's /tmp) changed"
[[ -d "$XDG_DATA_HOME/trydeb" ]] || fail "the store is gone"
[[ -f "$TEST_TMP/home-before.txt" ]] || fail "the test's scratch directory (host /tmp) was emptied"

# trydeb is still usable: the store answers, reset works, and a new install works
assert_exit 0 td list
assert_no_stacktrace
assert_exit 0 td reset
assert_exit 0 td install "$good"
assert_exit 0 td run trydeb-good
assert_eq "still good" "$OUT"
