#!/bin/bash
# The caller's D-Bus session bus is reachable inside `trydeb run`: at a unix:path= address in
# /tmp (dbus-daemon's default on Debian 12), which the private /tmp would hide, and at an
# abstract address, which only the shared network namespace shows (--no-network warns and
# cuts it off). --private-bus gives the program a bus of its own instead.
. "$ITEST_DIR/lib.sh"

command -v dbus-send >/dev/null || skip "dbus-send is not installed (package dbus-bin)"
GET_ID=(--session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetId)
bus_id() { dbus-send "${GET_ID[@]}"; }
# bus_id_inside [RUN-OPTION...]: the GetId answer inside `trydeb run`
bus_id_inside() { td run "$@" --exec dbus-send -- "${GET_ID[@]}"; }

# ------------------------------------------------------------------ unix:path= in /tmp
start_session_bus
[[ $DBUS_SESSION_BUS_ADDRESS == unix:path=/tmp/* ]] ||
    note "dbus-daemon chose $DBUS_SESSION_BUS_ADDRESS, not a socket in /tmp"
host_id=$(bus_id | tr -d ' ')
[[ -n "$host_id" ]] || fail "the test's own bus does not answer GetId"

assert_exit 0 td run --exec dbus-send -- --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.ListNames
assert_contains "$OUT" 'string "org.freedesktop.DBus"' "ListNames inside"
assert_exit 0 bus_id_inside
assert_eq "$host_id" "$(tr -d ' ' <<<"$OUT")" "the bus inside is the caller's (GetId)"

# --private-bus: a bus of its own (dbus-run-session inside)
assert_exit 0 bus_id_inside --private-bus
private_id=$(tr -d ' ' <<<"$OUT")
[[ -n "$private_id" && "$private_id" != "$host_id" ]] ||
    fail "--private-bus: the program is on the caller's bus ($private_id) instead of one of its own"

# ------------------------------------------------------------------ unix:abstract=
start_session_bus --address="unix:abstract=/tmp/trydeb-itest-bus-$$-$RANDOM"
assert_contains "$DBUS_SESSION_BUS_ADDRESS" "unix:abstract=" "the second bus's address"
abstract_id=$(bus_id | tr -d ' ')
assert_exit 0 bus_id_inside
assert_eq "$abstract_id" "$(tr -d ' ' <<<"$OUT")" "the abstract-address bus inside (network namespace shared)"
assert_not_contains "$ERR" "warning" "a warning without --no-network"

run_cmd bus_id_inside --no-network
[[ $RC != 0 ]] || fail "with --no-network the abstract-address bus answered inside: $OUT"
assert_contains "$ERR" "trydeb: warning: the D-Bus session bus $DBUS_SESSION_BUS_ADDRESS is an abstract socket" \
    "--no-network does not say that it cuts the bus off"
assert_no_stacktrace
