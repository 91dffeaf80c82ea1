#!/bin/bash
# The desktop session's files and sockets that environment variables name are reachable
# inside `trydeb run` at their paths, even where the sandbox would hide them: an X authority
# file in /tmp (as xvfb-run and some display managers make it) and in the home under
# --no-home (XAUTHORITY or Xlib's default ~/.Xauthority), and the Wayland, PulseAudio and
# PipeWire sockets in an XDG_RUNTIME_DIR or elsewhere in /tmp.
. "$ITEST_DIR/lib.sh"

command -v xauth >/dev/null || skip "xauth is not installed"
command -v xdpyinfo >/dev/null || skip "xdpyinfo is not installed (package x11-utils)"
py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 for the socket servers"

# ------------------------------------------------------------------ XAUTHORITY
cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
server_auth="$TEST_TMP/server-auth"
# The server takes every cookie of its -auth file, whatever display the entry names.
xauth -f "$server_auth" add :0 . "$cookie" 2>/dev/null
start_xvfb -auth "$server_auth"
client_auth=$(mktemp /tmp/trydeb-itest-xauth.XXXXXX)
on_exit "rm -f '$client_auth'"
xauth -f "$client_auth" add "$DISPLAY" . "$cookie" 2>/dev/null

XAUTHORITY=/nonexistent run_cmd xdpyinfo
[[ $RC != 0 ]] || fail "the display accepts clients without the cookie (fixture problem: XAUTHORITY would prove nothing)"
export XAUTHORITY=$client_auth
assert_exit 0 xdpyinfo
assert_exit 0 td run --exec xdpyinfo
assert_contains "$OUT" "name of display:" "xdpyinfo inside, with XAUTHORITY=$client_auth in /tmp"
assert_exit 0 td run --exec test -- ! -w "$client_auth"
note "the authority file is read-only inside"

home_auth="$HOME/.trydeb-itest-xauth-$$"
on_exit "rm -f '$home_auth'"
cp "$client_auth" "$home_auth"
XAUTHORITY=$home_auth assert_exit 0 td run --no-home --exec xdpyinfo
assert_exit 0 td run --no-home --exec sh -- -c 'ls -A "$HOME" | grep -v "^\.trydeb-itest-xauth-" | wc -l'
assert_eq 0 "$(tr -d ' ' <<<"$OUT")" "--no-home shows nothing of the home but the authority file"
# without XAUTHORITY, Xlib reads ~/.Xauthority, which --no-home shows too
if [[ ! -e "$HOME/.Xauthority" ]]; then
    on_exit "rm -f '$HOME/.Xauthority'"
    cp "$client_auth" "$HOME/.Xauthority"
    (unset XAUTHORITY && assert_exit 0 td run --no-home --exec xdpyinfo)
else
    note "the user has a ~/.Xauthority of their own: not replacing it to test the default"
fi

# ------------------------------------------------------------------ sockets
runtime=$(mktemp -d /tmp/trydeb-itest-runtime.XXXXXX)
pulse_dir=$(mktemp -d /tmp/trydeb-itest-pulse.XXXXXX)
on_exit "rm -rf '$runtime' '$pulse_dir'"
chmod 700 "$runtime"
ready="$TEST_TMP/servers-ready"
# one server per socket, answering each connection with its own name
"$py" -c '
import os, socket, sys, threading
def serve(path, name):
    s = socket.socket(socket.AF_UNIX)
    s.bind(path)
    s.listen(8)
    while True:
        c, _ = s.accept()
        c.sendall(name.encode() + b"\n")
        c.close()
pairs = sys.argv[2:]
for path, name in zip(pairs[0::2], pairs[1::2]):
    threading.Thread(target=serve, args=(path, name), daemon=True).start()
while not all(os.path.exists(p) for p in pairs[0::2]):
    pass
open(sys.argv[1], "w").close()
threading.Event().wait()' "$ready" \
    "$runtime/wayland-itest" wayland "$pulse_dir/native" pulse "$runtime/pipewire-itest" pipewire \
    "$pulse_dir/wayland-abs" wayland-absolute &
track_pid $!
for _ in $(seq 1 100); do
    [[ -e "$ready" ]] && break
    sleep 0.1
done
[[ -e "$ready" ]] || fail "the socket servers did not start"

probe='
import os, socket, sys
runtime = os.environ["XDG_RUNTIME_DIR"]
for variable in sys.argv[1:]:
    value = os.environ[variable]
    if variable == "PULSE_SERVER":
        path = value[len("unix:"):]
    else:
        path = value if value.startswith("/") else os.path.join(runtime, value)
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(path)
        print(variable, s.recv(64).decode().strip())
    except OSError as e:
        print(variable, "unreachable:", e)
'
export XDG_RUNTIME_DIR=$runtime WAYLAND_DISPLAY=wayland-itest PULSE_SERVER="unix:$pulse_dir/native" \
    PIPEWIRE_REMOTE=pipewire-itest
assert_exit 0 "$py" -c "$probe" WAYLAND_DISPLAY PULSE_SERVER PIPEWIRE_REMOTE
expected=$'WAYLAND_DISPLAY wayland\nPULSE_SERVER pulse\nPIPEWIRE_REMOTE pipewire'
assert_eq "$expected" "$OUT" "the sockets on the host (fixture check)"
assert_exit 0 td run --exec "$py" -- -c "$probe" WAYLAND_DISPLAY PULSE_SERVER PIPEWIRE_REMOTE
assert_eq "$expected" "$OUT" "the session's sockets inside trydeb run"

# an absolute WAYLAND_DISPLAY outside XDG_RUNTIME_DIR, and the same with --private-home
WAYLAND_DISPLAY="$pulse_dir/wayland-abs" assert_exit 0 td run --exec "$py" -- -c "$probe" WAYLAND_DISPLAY
assert_eq "WAYLAND_DISPLAY wayland-absolute" "$OUT" "an absolute WAYLAND_DISPLAY inside"
assert_exit 0 td run --private-home --exec "$py" -- -c "$probe" WAYLAND_DISPLAY PULSE_SERVER
assert_eq $'WAYLAND_DISPLAY wayland\nPULSE_SERVER pulse' "$OUT" "the sockets inside with --private-home"
