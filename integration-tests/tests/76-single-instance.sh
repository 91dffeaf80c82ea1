#!/bin/bash
# A single-instance program (D-Bus activatable: its desktop file ID is its bus name) whose
# name a program on the caller's desktop already owns would hand over to that one: `trydeb
# run` says so before starting it. With --private-bus the program gets a bus of its own,
# where the name is free.
. "$ITEST_DIR/lib.sh"

command -v dbus-send >/dev/null || skip "dbus-send is not installed (package dbus-bin)"
/usr/bin/python3 -c 'import dbus' 2>/dev/null || skip "python3-dbus is not installed (to own a name on the bus)"
name="org.trydeb.ItestSingle"
start_session_bus

deb=$(make_pkg trydeb-itest-single 1.0 \
    --exe /usr/bin/trydeb-itest-single "#!/bin/sh
echo \"trial copy ran\"
dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:$name" \
    --file "/usr/share/applications/$name.desktop" "[Desktop Entry]
Type=Application
Name=Itest Single
Exec=trydeb-itest-single
DBusActivatable=true")
assert_exit 0 td install "$deb"

assert_exit 0 td run trydeb-itest-single
assert_not_contains "$ERR" "warning" "a warning while nothing owns $name"
assert_eq $'trial copy ran\n   boolean false' "$OUT"

# a "host copy" owns the name on the caller's bus
/usr/bin/python3 -c '
import dbus, sys, time
bus = dbus.SessionBus()
if bus.request_name(sys.argv[1], dbus.bus.NAME_FLAG_DO_NOT_QUEUE) != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
    sys.exit("cannot own " + sys.argv[1])
time.sleep(600)' "$name" &
track_pid $!
for _ in $(seq 1 100); do
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$name" | grep -q true && break
    sleep 0.1
done

assert_exit 0 td run trydeb-itest-single
assert_contains "$ERR" "trydeb: warning: $name is already running on your desktop; the trial copy would hand over to it" \
    "no warning about the running copy"
assert_contains "$ERR" "--private-bus"
assert_eq $'trial copy ran\n   boolean true' "$OUT" "the program inside sees the running copy's name"

assert_exit 0 td run --private-bus trydeb-itest-single
assert_not_contains "$ERR" "warning" "a warning with --private-bus"
assert_eq $'trial copy ran\n   boolean false' "$OUT" "with --private-bus the name is free for the trial copy"
