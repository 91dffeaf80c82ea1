#!/bin/bash
# Nothing changes in the environment when apt cannot resolve a request (a name no source
# has, a .deb depending on one) or when the download is interrupted (Ctrl-C reaches trydeb
# and apt, as on a terminal): the same files, the same list.
. "$ITEST_DIR/lib.sh"

good=$(make_pkg trydeb-good 1.0 --file /usr/share/trydeb-good/data "good data")
assert_exit 0 td install "$good"
assert_exit 0 td list
list_before=$OUT
snapshot "$(envs_dir)" "$TEST_TMP/envs-before.txt"

assert_exit 2 td install -y trydeb-no-such-package-anywhere
assert_one_line_error "trydeb-no-such-package-anywhere"

needy=$(make_pkg trydeb-needy 1.0 --depends 'coreutils, trydeb-missing-everywhere (>= 1)' \
    --preinst 'echo "trydeb-needy preinst ran" >&2')
assert_exit 2 td install -y "$needy"
assert_one_line_error "trydeb-missing-everywhere"
assert_not_contains "$OUT$ERR" "preinst ran"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "a request apt cannot resolve changed the environment"

# A download of tens of MB, interrupted as soon as apt has written part of it.
partial="$XDG_CACHE_HOME/trydeb/archives/partial"
setsid "$TRYDEB" install -y --no-install-recommends libreoffice-core >"$TEST_TMP/dl.out" 2>"$TEST_TMP/dl.err" &
pid=$!
track_pid "$pid"
for _ in $(seq 1 240); do
    if [[ -n "$(find "$partial" -type f -size +0 2>/dev/null | head -n 1)" ]]; then
        break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
[[ -n "$(find "$partial" -type f -size +0 2>/dev/null | head -n 1)" ]] \
    || fail "no partial download appeared:"$'\n'"$(cat "$TEST_TMP/dl.out" "$TEST_TMP/dl.err")"
kill -INT -- "-$pid"
rc=0
wait "$pid" || rc=$?
note "trydeb exited with $rc after SIGINT"
[[ $rc != 0 ]] || fail "the interrupted install succeeded"
grep -q "Exception" "$TEST_TMP/dl.err" && fail "stack trace after SIGINT: $(cat "$TEST_TMP/dl.err")"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the interrupted download changed the environment"
assert_exit 0 td list
assert_eq "$list_before" "$OUT" "trydeb list after the interrupted download"
