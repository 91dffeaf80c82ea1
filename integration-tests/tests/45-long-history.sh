#!/bin/bash
# An environment with a long history: 200 transactions of tiny .debs, with the store at a long
# path (57 layers named by absolute paths once overflowed mount(2)'s one page of options).
# Installs compact the stack by themselves past 40 layers; afterwards run, install, diff,
# rollback (as far as it reaches), compact and reset all work.
. "$ITEST_DIR/lib.sh"

count=${ITEST_LONG_HISTORY:-200}
export XDG_DATA_HOME="$XDG_DATA_HOME/a-rather-long-directory-name/that-users-of-deep-home-trees-really-have"
mkdir -p "$XDG_DATA_HOME"
layers_dir() { printf '%s\n' "$XDG_DATA_HOME/trydeb/envs/default/layers"; }

for i in $(seq 1 "$count"); do
    make_pkg "tiny$i" 1.0 --file "/usr/share/tiny$i/f" "tiny $i" >/dev/null
done
for i in $(seq 1 "$count"); do
    "$TRYDEB" install "$TEST_TMP/pkgs/tiny${i}_1.0_$(host_arch).deb" >"$TEST_TMP/install.out" 2>&1 ||
        fail "install $i of $count failed: $(tail -n 5 "$TEST_TMP/install.out")"
    layers=$(find "$(layers_dir)" -mindepth 1 -maxdepth 1 | wc -l)
    ((layers <= 41)) || fail "after install $i the environment has $layers layers: no automatic compaction"
done
note "after $count installs: $(find "$(layers_dir)" -mindepth 1 -maxdepth 1 | wc -l) layers"

assert_exit 0 td run --exec cat -- /usr/share/tiny1/f "/usr/share/tiny$count/f"
assert_eq "tiny 1"$'\n'"tiny $count" "$OUT" "files of the first and the last transaction inside"
assert_exit 0 td list
assert_eq "$count" "$(grep -c '^tiny' <<<"$OUT")" "packages listed"

# attribution survives compaction: a file of the first transaction is still its package's
tx1=$(tx_of tiny1)
assert_exit 0 td diff --transaction "$tx1"
assert_diff_has "$OUT" added /usr/share/tiny1/f "$(attr_pkg tiny1 1.0)"

# one more install, and its rollback
extra=$(make_pkg tiny-extra 1.0 --file /usr/share/tiny-extra/f "extra")
assert_exit 0 td install "$extra"
assert_exit 0 td rollback
assert_exit 1 td run --exec test -- -e /usr/share/tiny-extra/f
# rollback reaches back to the newest compacted transaction, no further, and says so
run_cmd td rollback --steps "$count"
assert_eq 2 "$RC" "rollback into compacted transactions: $ERR"
assert_contains "$ERR" "compacted"
assert_no_stacktrace
assert_exit 0 td list
assert_eq "$count" "$(grep -c '^tiny' <<<"$OUT")" "packages listed after the refused rollback"

# compact merges everything into one layer, and the environment still works
assert_exit 0 td compact
assert_eq 1 "$(find "$(layers_dir)" -mindepth 1 -maxdepth 1 | wc -l)" "layers after compact"
assert_exit 0 td run --exec cat -- "/usr/share/tiny$((count / 2))/f"
assert_eq "tiny $((count / 2))" "$OUT"
assert_exit 0 td install "$extra"
assert_exit 0 td run --exec cat -- /usr/share/tiny-extra/f
assert_exit 0 td reset
assert_exit 1 td run --exec test -- -e /usr/share/tiny1/f
