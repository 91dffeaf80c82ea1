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

# A download of 40 packages (tens of MB), interrupted as soon as apt has fetched part of it.
archives="$XDG_CACHE_HOME/trydeb/archives"
fetched() { find "$archives" -type f \( -name '*.deb' -o -path '*/partial/*' \) -size +0 2>/dev/null | head -n 1; }
setsid "$TRYDEB" install -y --no-install-recommends libreoffice-core >"$TEST_TMP/dl.out" 2>"$TEST_TMP/dl.err" &
pid=$!
track_pid "$pid"
for _ in $(seq 1 1200); do
    [[ -z "$(fetched)" ]] || break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[[ -n "$(fetched)" ]] || fail "nothing was downloaded:"$'\n'"$(cat "$TEST_TMP/dl.out" "$TEST_TMP/dl.err")"
kill -INT -- "-$pid"
rc=0
wait "$pid" || rc=$?
note "trydeb exited with $rc after SIGINT"
if grep -q "Download complete" "$TEST_TMP/dl.out"; then
    fail "the download completed before the interrupt (a very fast mirror?): this test did not interrupt a download"
fi
[[ $rc != 0 ]] || fail "the interrupted install succeeded"
grep -q "Exception" "$TEST_TMP/dl.err" && fail "stack trace after SIGINT: $(cat "$TEST_TMP/dl.err")"
assert_unchanged "$(envs_dir)" "$TEST_TMP/envs-before.txt" "the interrupted download changed the environment"
assert_exit 0 td list
assert_eq "$list_before" "$OUT" "trydeb list after the interrupted download"
