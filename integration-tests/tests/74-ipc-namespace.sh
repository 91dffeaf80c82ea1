#!/bin/bash
# `trydeb run` shares the caller's IPC namespace and /dev/shm by default, so that X11's MIT-SHM
# works (the X server attaches the System V segment the program names); --isolate-ipc gives the
# program its own, where the caller's segments are out of reach and MIT-SHM fails (BadAccess).
. "$ITEST_DIR/lib.sh"

command -v ipcmk >/dev/null || skip "ipcmk (util-linux) is not installed"
py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 for the MIT-SHM client"

# ------------------------------------------------------------------ System V shared memory
id=$(ipcmk -M 4096 | awk '{ print $NF }')
[[ "$id" =~ ^[0-9]+$ ]] || fail "ipcmk did not create a segment: $id"
on_exit "ipcrm -m '$id'"
assert_exit 0 td run --exec ipcs -- -m -i "$id"
assert_contains "$OUT" "shmid=$id" "the caller's shared-memory segment inside trydeb run"
run_cmd td run --isolate-ipc --exec ipcs -- -m -i "$id"
assert_not_contains "$OUT" "shmid=$id" "the caller's segment is visible with --isolate-ipc"

# ------------------------------------------------------------------ POSIX shared memory (/dev/shm)
# The caller's, mounted as on the host (a tmpfs over it made findmnt answer once more inside
# than outside, which Chromium's launcher trips over); a private one with --isolate-ipc.
shm=$(mktemp /dev/shm/trydeb-itest-shm.XXXXXX)
on_exit "rm -f '$shm'"
echo "host segment" >"$shm"
assert_exit 0 td run --exec cat -- "$shm"
assert_eq "host segment" "$OUT" "the caller's /dev/shm inside trydeb run"
if command -v findmnt >/dev/null; then
    assert_exit 0 td run --exec findmnt -- -n -o TARGET -T /dev/shm
    assert_eq "$(findmnt -n -o TARGET -T /dev/shm)" "$OUT" "findmnt -T /dev/shm inside as on the host"
fi
run_cmd td run --isolate-ipc --exec cat -- "$shm"
[[ $RC != 0 ]] || fail "the caller's /dev/shm is visible with --isolate-ipc: $OUT"

# ------------------------------------------------------------------ MIT-SHM against a real X server
start_xvfb
[[ -e /usr/lib/x86_64-linux-gnu/libXext.so.6 || -n "$(ldconfig -p 2>/dev/null | grep libXext.so.6)" ]] ||
    skip "libXext.so.6 is not installed for the MIT-SHM client"
client="$HOME/.trydeb-itest-mitshm-$$.py"
on_exit "rm -f '$client'"
cat >"$client" <<'PY'
# Attaches a System V segment to the X server (XShmAttach) and reports what the server said.
import ctypes, sys
x11, xext, libc = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXext.so.6"), ctypes.CDLL(None)
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
xext.XShmQueryExtension.argtypes = [ctypes.c_void_p]
libc.shmat.restype = ctypes.c_void_p
class Segment(ctypes.Structure):
    _fields_ = [("shmseg", ctypes.c_ulong), ("shmid", ctypes.c_int), ("shmaddr", ctypes.c_void_p), ("readOnly", ctypes.c_int)]
class Error(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]
errors = []
handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(Error))(
    lambda d, e: errors.append(e.contents.error_code) or 0)
x11.XSetErrorHandler(handler)
dpy = x11.XOpenDisplay(None)
if not dpy or not xext.XShmQueryExtension(dpy):
    sys.exit("no display or no MIT-SHM")
shmid = libc.shmget(0, 65536, 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
segment = Segment(0, shmid, libc.shmat(shmid, None, 0), 0)
xext.XShmAttach.argtypes = [ctypes.c_void_p, ctypes.POINTER(Segment)]
xext.XShmAttach(dpy, ctypes.byref(segment))
x11.XSync(dpy, 0)
libc.shmctl(shmid, 0, None)  # IPC_RMID
print("attach: error %d" % errors[0] if errors else "attach: ok")
PY
assert_exit 0 "$py" "$client"
assert_eq "attach: ok" "$OUT" "MIT-SHM on the host (fixture check)"
assert_exit 0 td run --exec "$py" -- "$client"
assert_eq "attach: ok" "$OUT" "MIT-SHM inside trydeb run"
assert_exit 0 td run --isolate-ipc --exec "$py" -- "$client"
# 10 is BadAccess: the segment id means nothing in the X server's IPC namespace
assert_eq "attach: error 10" "$OUT" "MIT-SHM inside trydeb run --isolate-ipc"
