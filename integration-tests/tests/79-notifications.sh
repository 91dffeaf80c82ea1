#!/bin/bash
# A notification sent inside `trydeb run` (notify-send) reaches the notification server on the
# caller's session bus; with --private-bus it does not: the program is on a bus of its own,
# where no server owns org.freedesktop.Notifications, and notify-send fails.
#
# The server is a small python3-dbus program of the test's, on a bus of the test's at a
# unix:path= address in the test's scratch directory under /tmp, which the sandbox replaces
# with a private /tmp: without the bind trydeb makes for DBUS_SESSION_BUS_ADDRESS,
# notify-send cannot connect, the server records nothing and the test fails.
. "$ITEST_DIR/lib.sh"

command -v notify-send >/dev/null || skip "notify-send is not installed (package libnotify-bin)"
py=/usr/bin/python3
"$py" -c 'import dbus, dbus.mainloop.glib; from gi.repository import GLib' 2>/dev/null ||
    skip "python3-dbus and python3-gi are not installed (for the notification server)"
start_session_bus --address="unix:path=$TEST_TMP/bus"

received="$TEST_TMP/notifications"
ready="$TEST_TMP/server-ready"
: >"$received"
"$py" -c '
import sys
import dbus, dbus.service, dbus.mainloop.glib
from gi.repository import GLib
received, ready = sys.argv[1], sys.argv[2]
IFACE = "org.freedesktop.Notifications"

class Server(dbus.service.Object):
    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        with open(received, "a") as f:
            f.write("%s|%s|%s\n" % (app, summary, body))
        return 1

    @dbus.service.method(IFACE, out_signature="as")
    def GetCapabilities(self):
        return ["body"]

    @dbus.service.method(IFACE, out_signature="ssss")
    def GetServerInformation(self):
        return ("trydeb-itest", "trydeb", "1", "1.2")

    @dbus.service.method(IFACE, in_signature="u")
    def CloseNotification(self, id):
        pass

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
name = dbus.service.BusName(IFACE, bus, do_not_queue=True)
Server(bus, "/org/freedesktop/Notifications")
open(ready, "w").close()
GLib.MainLoop().run()' "$received" "$ready" >"$TEST_TMP/server.log" 2>&1 &
server_pid=$!
track_pid "$server_pid"
for _ in $(seq 1 100); do
    [[ -e "$ready" ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the notification server exited:"$'\n'"$(cat "$TEST_TMP/server.log")"
    sleep 0.1
done
[[ -e "$ready" ]] || fail "the notification server did not start"
assert_exit 0 notify-send --app-name=host "from the host" "fixture check"
assert_eq "host|from the host|fixture check" "$(cat "$received")" "what the server received from the host (fixture check)"
: >"$received"

# ------------------------------------------------------------------ the caller's bus
assert_exit 0 timeout 30 "$TRYDEB" run --exec notify-send -- --app-name=inside "from trydeb run" "on the caller's bus"
assert_eq "inside|from trydeb run|on the caller's bus" "$(cat "$received")" \
    "what the server received from notify-send inside trydeb run"
: >"$received"

# ------------------------------------------------------------------ --private-bus
run_cmd timeout 30 "$TRYDEB" run --private-bus --exec notify-send -- --app-name=private "from a private bus" "must not arrive"
[[ $RC != 0 ]] || fail "notify-send succeeded on the private bus (whose server answered?)"
[[ $RC != 124 ]] || fail "notify-send on the private bus did not give up within 30 s"
note "notify-send on the private bus: exit $RC: $ERR"
assert_eq "" "$(cat "$received")" "the caller's notification server received a notification sent with --private-bus"
