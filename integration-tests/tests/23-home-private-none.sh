#!/bin/bash
# The real home never changes: not by a postinst writing to $HOME and /home/USER, not by a
# program run with --private-home (which reads the real files, keeps its own writes in the
# environment for later --private-home runs, and shows them in `trydeb diff` as runtime
# changes in a user's home), not with --no-home (where the home is empty).
. "$ITEST_DIR/lib.sh"

token="home-$$-$RANDOM"
home=$(real_home)
[[ -d "$home" ]] || skip "the test user has no home directory ($home)"
[[ "$HOME" == "$home" ]] || note "HOME=$HOME differs from the password database's $home"
real_name=".trydeb-itest-$token-real"
real_file="$home/$real_name"
new_name=".trydeb-itest-$token-new"
abs_name=".trydeb-itest-$token-abs"
on_exit "rm -f '$home/.trydeb-itest-$token-'*"
echo real >"$real_file"
home_snapshot "$TEST_TMP/home-before.txt" "$token"
home_reason="file in a user's home"

# ------------------------------------------------------------------ a postinst
deb=$(make_pkg trydeb-homey 1.0 --file /usr/share/trydeb-homey/README "homey" --postinst "set +e
echo pwned > \"\$HOME/.trydeb-itest-$token-postinst\" 2>/dev/null
mkdir -p '$home' 2>/dev/null
echo pwned > '$home/.trydeb-itest-$token-postinst-abs' 2>/dev/null
echo pwned >> '$real_file' 2>/dev/null
exit 0")
assert_exit 0 td install "$deb"
assert_home_unchanged "$TEST_TMP/home-before.txt" "$token" "the postinst changed the real home"

# (trydeb diff is checked at the end, so that a missing `trydeb diff` does not hide the rest)
run_cmd td diff
diff_after_install=$OUT diff_after_install_rc=$RC

# ------------------------------------------------------------------ a program, --private-home
assert_exit 0 td run --private-home --exec sh -- -c '
cat "$HOME/$1"
echo private > "$HOME/$2"
echo changed > "$HOME/$1"
echo abs > "$3/$4"
cat "$HOME/$1" "$3/$4"' sh "$real_name" "$new_name" "$home" "$abs_name"
assert_eq $'real\nchanged\nabs' "$OUT" "what the --private-home program read (the real file, then its own writes)"
assert_home_unchanged "$TEST_TMP/home-before.txt" "$token" "a --private-home program changed the real home"
assert_eq real "$(cat "$real_file")" "the real file after the --private-home run"

# a later --private-home run sees the earlier one's writes; a plain run sees the real home
assert_exit 0 td run --private-home --exec cat -- "$home/$new_name" "$real_file" "$home/$abs_name"
assert_eq $'private\nchanged\nabs' "$OUT" "a later --private-home run reads the earlier one's writes"
assert_exit 0 td run --exec sh -- -c 'cat "$1"; test -e "$2" && echo "$2 exists"; exit 0' sh "$real_file" "$home/$new_name"
assert_eq real "$OUT" "a run without --private-home sees the real home"
assert_home_unchanged "$TEST_TMP/home-before.txt" "$token"

# ------------------------------------------------------------------ --no-home
assert_exit 0 td run --no-home --exec sh -- -c '
echo "HOME=$HOME"
ls -A "$HOME" || echo "cannot list HOME"
if [ "$HOME" != "$1" ] && [ -e "$1" ]; then ls -A "$1"; fi
test -e "$2" && echo "the real file is visible"
echo nohome > "$HOME/$3" 2>/dev/null
exit 0' sh "$home" "$real_file" ".trydeb-itest-$token-nohome"
note "--no-home:"$'\n'"$OUT"
[[ "$(head -n 1 <<<"$OUT")" == HOME=/* ]] || fail "with --no-home, HOME inside is not an absolute path:"$'\n'"$OUT"
assert_eq "" "$(tail -n +2 <<<"$OUT")" "with --no-home the home must be empty (ls -A prints nothing) and the real file invisible"
assert_home_unchanged "$TEST_TMP/home-before.txt" "$token" "a --no-home program changed the real home"

# ------------------------------------------------------------------ trydeb diff
# whatever of the postinst's home writes the environment kept is flagged
assert_eq 0 "$diff_after_install_rc" "exit status of trydeb diff after the install: $diff_after_install"
note "trydeb diff after the install:"$'\n'"$diff_after_install"
assert_diff_format "$diff_after_install"
while IFS= read -r p; do
    [[ -n "$p" ]] && assert_suspicious "$diff_after_install" "$p" "$home_reason"
done < <(diff_paths "$diff_after_install" | grep -F "$home/" || true)

# the --private-home program's writes
assert_exit 0 td diff
full=$OUT
note "trydeb diff after the --private-home run:"$'\n'"$full"
assert_diff_format "$full"
assert_diff_has "$full" added "$home/$new_name" runtime
assert_diff_has "$full" added "$home/$abs_name" runtime
assert_diff_has "$full" modified "$real_file" runtime
for p in "$home/$new_name" "$home/$abs_name" "$real_file"; do
    assert_suspicious "$full" "$p" "$home_reason"
done
assert_exit 0 td diff --runtime
assert_diff_has "$OUT" added "$home/$new_name" runtime "trydeb diff --runtime does not list the private home's new file"
assert_diff_lacks "$OUT" /usr/share/trydeb-homey/README "trydeb diff --runtime lists a file the package shipped"
