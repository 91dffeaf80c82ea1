#!/bin/bash
# `trydeb install` puts a package's application into the user's menu: the entry's Exec line
# starts the program through trydeb in the right environment (the test runs that line), its
# name is marked, its icon is copied out of the environment. unexport/export take it out and
# put it back; reset removes the environment's entries and nothing else.
. "$ITEST_DIR/lib.sh"

py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 to parse the Exec line"
token="$$-$RANDOM"
marker="$HOME/.trydeb-itest-menu-$token"
on_exit "rm -f '$marker'"
apps="$XDG_DATA_HOME/applications"
icons="$XDG_DATA_HOME/icons"

tree=$(make_pkg trydeb-itest-menu 1.0 --tree-only \
    --exe /usr/bin/trydeb-itest-menu "#!/bin/sh
printf '%s|%s\n' \"\$TRYDEB_ENV\" \"\$*\" >\"\$HOME/.trydeb-itest-menu-$token\"" \
    --file /usr/share/applications/org.trydeb.ItestMenu.desktop "[Desktop Entry]
Type=Application
Name=Itest Menu
Name[de]=Itest Menü
Comment=a test application
Exec=trydeb-itest-menu --from-menu %f
TryExec=trydeb-itest-menu
Icon=trydeb-itest-menu
Categories=Utility;
Actions=second;

[Desktop Action second]
Name=Second way
Exec=trydeb-itest-menu --action" \
    --file /usr/share/icons/hicolor/scalable/apps/trydeb-itest-menu.svg \
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#c00"/></svg>')
deb="$TEST_TMP/trydeb-itest-menu.deb"
build_deb "$tree" "$deb"

# a file of the user's in the same directory, which trydeb must never touch
mkdir -p "$apps"
echo "[Desktop Entry]" >"$apps/users-own.desktop"

assert_exit 0 td install "$deb"
entry="$apps/trydeb-default-org.trydeb.ItestMenu.desktop"
assert_contains "$OUT" "Menu entry of trydeb-itest-menu: $entry" "install does not say where the menu entry is"
[[ -f "$entry" ]] || fail "no menu entry $entry after install: $(ls -la "$apps")"
note "$(cat "$entry")"
key() { sed -n "/^\[Desktop Entry\]/,/^\[/{s/^$1=//p}" "$entry" | head -n 1; }
assert_eq "Itest Menu (trydeb)" "$(key Name)" "Name"
assert_eq "Itest Menü (trydeb)" "$(key 'Name\[de\]')" "Name[de]"
assert_eq "" "$(key TryExec)" "TryExec is left in the entry"
assert_eq "org.trydeb.ItestMenu" "$(key StartupWMClass)" "StartupWMClass (the original desktop file ID)"
launcher=$(readlink -f "$TRYDEB")
assert_eq "$launcher --env default run --exec trydeb-itest-menu -- --from-menu %f" "$(key Exec)" "Exec"
icon=$(key Icon)
[[ "$icon" == "$icons/"* && -f "$icon" ]] || fail "Icon=$icon is not a copy in $icons"
cmp -s "$icon" "$tree/usr/share/icons/hicolor/scalable/apps/trydeb-itest-menu.svg" || fail "the icon $icon is not the package's"
[[ "$icon" != "$XDG_DATA_HOME/trydeb/"* ]] || fail "the icon points into the store: $icon"

# ------------------------------------------------------------------ the Exec line runs the program
# The Desktop Entry Specification's quoting is a subset of the shell's; field codes are what
# the menu replaces, here %f by a file name.
exec_line() {
    "$py" -c '
import shlex, sys
args = shlex.split(sys.argv[1].replace("\\\\", "\\"))
print("\0".join(sys.argv[2] if a == "%f" else a for a in args if a == "%f" or not (len(a) == 2 and a[0] == "%")),
      end="")' "$1" "$2"
}
mapfile -d '' -t argv < <(exec_line "$(key Exec)" "/tmp/some file.txt")
note "running the Exec line: ${argv[*]}"
(cd / && assert_exit 0 "${argv[@]}")
[[ -f "$marker" ]] || fail "running the Exec line did not start the program (no $marker)"
assert_eq "default|--from-menu /tmp/some file.txt" "$(cat "$marker")" "what the program saw (environment|arguments)"
action=$(sed -n '/^\[Desktop Action second\]/,/^\[/{s/^Exec=//p}' "$entry")
assert_eq "$launcher --env default run --exec trydeb-itest-menu -- --action" "$action" "the action's Exec"

# ------------------------------------------------------------------ unexport, export
assert_exit 0 td unexport trydeb-itest-menu
assert_file_absent "$entry"
assert_file_absent "$icon"
assert_exit 0 td export trydeb-itest-menu
[[ -f "$entry" && -f "$icon" ]] || fail "export did not put the entry and its icon back"

# another environment gets its own entry
assert_exit 0 td --env other install "$deb"
other="$apps/trydeb-other-org.trydeb.ItestMenu.desktop"
[[ -f "$other" ]] || fail "no entry $other for environment 'other'"
assert_contains "$(cat "$other")" "Name=Itest Menu (trydeb: other)"
assert_contains "$(cat "$other")" "--env other run"

# ------------------------------------------------------------------ reset
assert_exit 0 td reset
assert_file_absent "$entry" "reset left the menu entry"
assert_file_absent "$icon" "reset left the icon"
[[ -f "$other" ]] || fail "reset of 'default' removed the entry of environment 'other'"
assert_exit 0 td --env other reset
assert_file_absent "$other"
assert_eq "users-own.desktop" "$(ls -A "$apps")" "what is left in $apps after both resets"
assert_eq "" "$(find "$icons" -type f 2>/dev/null)" "icons left in $icons after both resets"
