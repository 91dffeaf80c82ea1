#!/bin/bash
# Inside run: the real home is writable, the store directory is hidden (even when it lies
# inside the home, as it does by default), and /tmp is private in both directions.
. "$ITEST_DIR/lib.sh"

# Put the store inside the real home, where the home bind mount would otherwise show it.
XDG_DATA_HOME=$(mktemp -d "$HOME/.trydeb-itest-data.XXXXXX")
export XDG_DATA_HOME
on_exit 'td reset >/dev/null 2>&1; rm_tree "$XDG_DATA_HOME"'
store=$XDG_DATA_HOME/trydeb

deb=$(make_pkg trydeb-vis 1.0 --file /usr/share/trydeb-vis/data "vis")
assert_exit 0 td install "$deb"
[[ -n "$(ls -A "$store" 2>/dev/null)" ]] || fail "the store $store is empty on the host after an install"

# the real home is writable
name="trydeb-itest-x.$$.$RANDOM"
on_exit "rm -f '$HOME/$name'"
assert_exit 0 td run --exec sh -- -c 'echo written-inside > "$HOME/$1"' sh "$name"
[[ -f "$HOME/$name" ]] || fail "a file the program wrote to \$HOME/$name is not in the real home"
assert_eq "written-inside" "$(cat "$HOME/$name")"
assert_eq "$(id -u)" "$(stat -c %u "$HOME/$name")" "owner of the file the program wrote in the home"
assert_exit 0 td run --exec cat -- "$HOME/$name"
assert_eq "written-inside" "$OUT" "the program reads the real home"

# the store is hidden
assert_exit 0 td run --exec sh -- -c 'ls -A "$1" 2>/dev/null | wc -l' sh "$store"
assert_eq 0 "$(tr -d ' ' <<<"$OUT")" "entries of the store $store visible inside run"
assert_exit 1 td run --exec test -- -e "$store/trydeb.db"
assert_exit 1 td run --exec test -- -e "$store/envs"
assert_exit 0 td run --exec cat -- /usr/share/trydeb-vis/data
assert_eq "vis" "$OUT"

# /tmp is private: the host's files are not visible inside ...
host_tmp=$(mktemp /tmp/trydeb-itest-host.XXXXXX)
on_exit "rm -f '$host_tmp'"
echo host >"$host_tmp"
assert_exit 1 td run --exec test -- -e "$host_tmp"
# ... and what the program leaves in /tmp does not reach the host
inside_tmp="/tmp/trydeb-itest-inside.$$.$RANDOM"
on_exit "rm -f '$inside_tmp'"
assert_exit 0 td run --exec sh -- -c 'echo inside > "$1" && cat "$1"' sh "$inside_tmp"
assert_eq "inside" "$OUT" "/tmp is writable inside"
assert_file_absent "$inside_tmp" "a file created in /tmp inside run appeared on the host"
