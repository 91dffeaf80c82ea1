#!/bin/bash
# What a maintainer script can reach, line by line of README's "Inside the sandbox" table
# (install column), with the four ways out that were once open:
#   1. the download cache (once bound read-write) and links planted in it for the host's apt;
#   2. the user's own .deb (a read-only bind namespaced root could remount read-write);
#   3. the network (the host's loopback and the mirror);
#   4. PID 1, the helper (ptrace, /proc/1/environ, signals).
# After each install: the user's files (a decoy and the original .debs), the download cache
# and the environment are as they must be, and the install itself succeeded.
. "$ITEST_DIR/lib.sh"

py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 for the probes"
me=$(id -un)
real_home=$(getent passwd "$me" | cut -d: -f6)
[[ -d "$real_home" ]] || skip "the test user $me has no home directory ($real_home)"

decoy=$(mktemp "$real_home/.trydeb-itest-decoy.XXXXXX")
echo "the user's own file" >"$decoy"
on_exit "rm -f '$decoy'"
cache="$XDG_CACHE_HOME/trydeb/archives"

# ---------------------------------------------------------------- a server on the host's loopback
port_file="$TEST_TMP/port"
"$py" -c '
import socket, sys, os
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.sendall(b"hello-from-host\n")
    c.close()' "$port_file" &
track_pid $!
for _ in $(seq 1 50); do [[ -s "$port_file" ]] && break; sleep 0.1; done
port=$(cat "$port_file")
got=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -n 1 <&3' _ "$port" || true)
assert_eq hello-from-host "$got" "the loopback server answers on the host (fixture check)"
mirror_ip=$(getent ahostsv4 deb.debian.org | awk 'NR == 1 { print $1 }' || true)

# ---------------------------------------------------------------- one probe package for holes 2-4 and the table
# Each line it prints is "probe NAME: RESULT"; the postinst always exits 0.
probe_script='
probe() { printf "probe %s: %s\n" "$1" "$2"; }
probe uid "$(id -u)"
probe home "$(ls -A /home | tr "\n" " ")"
probe mnt "$(ls -A /mnt 2>/dev/null | tr "\n" " ")"
probe dev "$(ls /dev | sort | tr "\n" " ")"
probe store "$(ls -A "$STORE" 2>/dev/null | tr "\n" " ")"
probe interfaces "$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | sort | tr "\n" " ")"
tcp() { if timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; then echo connected; else echo unreachable; fi; }
probe host-loopback "$(tcp 127.0.0.1 "$PORT")"
[ -n "$MIRROR" ] && probe mirror "$(tcp "$MIRROR" 80)"
for deb in /run/trydeb/debs/*.deb; do
    mount -o remount,rw,bind "$deb" 2>/dev/null && probe remount-deb "remounted read-write"
    umount "$deb" 2>/dev/null && probe umount-deb "unmounted"
    echo appended >>"$deb" 2>/dev/null && probe append-deb "appended"
done
mount -o remount,rw / 2>/dev/null && probe remount-root "remounted read-write"
probe ptrace "$(/usr/bin/python3 -c "
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
if libc.ptrace(16, 1, 0, 0) == 0:
    libc.ptrace(17, 1, 0, 0)
    print(\"attached\")
else:
    print(\"refused\")")"
if cat /proc/1/environ >/dev/null 2>&1; then probe environ "read"; else probe environ "refused"; fi
kill -TERM 1; kill -HUP 1; kill -USR1 1; kill -STOP 1
sleep 0.3
probe pid1-state "$(sed -n "s/^State:[[:space:]]*\([A-Z]\).*/\1/p" /proc/1/status)"
probe done "yes"
exit 0'
probe=$(make_pkg trydeb-probe 1.0 --file /usr/share/trydeb-probe/README "probe" \
    --postinst "STORE='$XDG_DATA_HOME/trydeb' PORT='$port' MIRROR='$mirror_ip'
$probe_script")
probe_sum=$(sha256sum <"$probe")

assert_exit 0 td install --verbose "$probe"
assert_no_stacktrace
note "$OUT"
probe_line() { sed -n "s/^probe $1: //p" <<<"$OUT"; }
assert_eq yes "$(probe_line done)" "the probe ran to its end (dpkg was not stopped by its own signals to PID 1)"
# README: user: root inside a user namespace
assert_eq 0 "$(probe_line uid)" "the maintainer script's uid"
# README: /home empty; other host directories empty; /dev only the basic nodes; the store hidden
assert_eq "" "$(probe_line home)" "/home during install"
assert_eq "" "$(probe_line mnt)" "/mnt during install"
assert_eq "fd full null random shm stderr stdin stdout tty urandom zero " "$(probe_line dev)" "/dev during install"
assert_eq "" "$(probe_line store)" "the trydeb store during install"
# README: network: a loopback of its own (hole 3)
assert_eq "lo " "$(probe_line interfaces)" "the network interfaces during install"
assert_eq unreachable "$(probe_line host-loopback)" "a server on the host's 127.0.0.1 from a maintainer script"
[[ -z "$mirror_ip" ]] || assert_eq unreachable "$(probe_line mirror)" "the Debian mirror from a maintainer script"
# README: mounts locked (hole 2)
assert_eq "" "$(probe_line remount-deb)" "the user's .deb remounted read-write"
assert_eq "" "$(probe_line umount-deb)" "the user's .deb unmounted"
assert_eq "" "$(probe_line append-deb)" "the user's .deb appended to"
assert_eq "" "$(probe_line remount-root)" "the sandbox's / remounted read-write"
assert_eq "$probe_sum" "$(sha256sum <"$probe")" "the user's .deb changed"
# README: the helper, PID 1, out of reach (hole 4)
assert_eq refused "$(probe_line ptrace)" "PTRACE_ATTACH to PID 1"
assert_eq refused "$(probe_line environ)" "reading /proc/1/environ"
[[ "$(probe_line pid1-state)" =~ ^[SR]$ ]] || fail "PID 1 after SIGSTOP from inside: state $(probe_line pid1-state)"

# --network: the opt-in gives maintainer scripts the host's network
assert_exit 0 td --env networked install --verbose --network "$probe"
assert_eq connected "$(sed -n 's/^probe host-loopback: //p' <<<"$OUT")" "the host's loopback server with --network"

# ---------------------------------------------------------------- hole 1: the download cache
# A vendor .deb that no source has, depending on a package the host lacks: apt downloads it
# into the cache. A link left in the cache (by an older trydeb, say) aims at the decoy.
dependency=sl
dpkg-query -W -f '${Status}' "$dependency" 2>/dev/null | grep -q 'ok installed' && skip "the host has $dependency"
version=$(apt-cache show --no-all-versions "$dependency" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)
[[ -n "$version" ]] || skip "apt knows no $dependency (run apt-get update as root)"
apt_name="${dependency}_${version//:/%3a}_$(host_arch).deb"
mkdir -p "$cache/partial"
ln -s "$decoy" "$cache/partial/$apt_name"
decoy_sum=$(sha256sum <"$decoy")
hostile=$(make_pkg trydeb-cache-poke 1.0 --depends "$dependency" --file /usr/share/trydeb-cache-poke/README "poke" \
    --postinst "set +e
for dir in /run/trydeb/archives /run/trydeb/archives/partial; do
    touch \$dir/planted 2>/dev/null && echo \"poke: wrote \$dir\"
    ln -s '$decoy' \$dir/$apt_name.x 2>/dev/null && echo \"poke: linked in \$dir\"
done
for f in /run/trydeb/archives/*.deb; do
    [ -f \"\$f\" ] || continue
    mount -o remount,rw,bind \"\$f\" 2>/dev/null && echo \"poke: remounted \$f read-write\"
    echo x >>\"\$f\" 2>/dev/null && echo \"poke: appended to \$f\"
done
exit 0")
hostile_sum=$(sha256sum <"$hostile")
run_cmd timeout 240 "$TRYDEB" --env cache install -y "$hostile"
if [[ $RC != 0 ]] && grep -qi "could not resolve\|failed to fetch\|temporary failure" <<<"$OUT$ERR"; then
    skip "the Debian mirror is out of reach: $(tail -n 2 <<<"$ERR")"
fi
assert_eq 0 "$RC" "the install of a vendor .deb with a dependency from apt: $ERR"
assert_no_stacktrace
# the archives directory inside is the transaction's own: planting there is harmless, but the
# .debs in it are read-only and locked
assert_not_contains "$OUT" "poke: appended" "a maintainer script appended to a .deb of the download cache"
assert_not_contains "$OUT" "poke: remounted" "a maintainer script remounted a .deb of the archives read-write"
assert_eq "$decoy_sum" "$(sha256sum <"$decoy")" "the decoy file changed"
assert_eq "$hostile_sum" "$(sha256sum <"$hostile")" "the user's .deb changed"
links=$(find "$XDG_CACHE_HOME/trydeb" -type l)
assert_eq "" "$links" "links in the download cache"
strays=$(find "$cache" -mindepth 1 ! -name '*.deb' ! -path "$cache/partial" ! -name lock)
assert_eq "" "$strays" "files in the download cache that apt did not download"
assert_exit 0 td --env cache list
assert_contains "$OUT" "$dependency"
assert_contains "$OUT" "trydeb-cache-poke"

# a second install in another environment runs the host's apt over the same cache again
assert_exit 0 td --env cache2 install -y "$dependency"
assert_eq "$decoy_sum" "$(sha256sum <"$decoy")" "the decoy file changed on the next download"
assert_eq "" "$(find "$XDG_CACHE_HOME/trydeb" -type l)" "links in the download cache after the next install"

# ---------------------------------------------------------------- the run column of the same table
# (home, /tmp, IPC and the network have tests of their own: 09, 23, 29, 74)
run_probe='probe() { printf "probe %s: %s\n" "$1" "$2"; }
probe uid "$(id -u)"
probe caps "$(grep ^CapEff /proc/self/status | cut -f2)"
probe store "$(ls -A "$STORE" 2>/dev/null | tr "\n" " ")"
probe null "$(test -c /dev/null && echo yes)"
mount -o remount,rw / 2>/dev/null && probe remount-root "remounted read-write"
probe ptrace "$(/usr/bin/python3 -c "
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print(\"attached\" if libc.ptrace(16, 1, 0, 0) == 0 else \"refused\")")"
if cat /proc/1/environ >/dev/null 2>&1; then probe environ "read"; else probe environ "refused"; fi
kill -TERM 1 2>/dev/null; sleep 0.2
probe done yes'
assert_exit 0 td run --exec sh -- -c "STORE='$XDG_DATA_HOME/trydeb'; $run_probe"
note "$OUT"
assert_eq "$(id -u)" "$(probe_line uid)" "the program's uid (the user's own)"
assert_eq 0000000000000000 "$(probe_line caps)" "the program's effective capabilities"
assert_eq "" "$(probe_line store)" "the trydeb store while a program runs"
assert_eq yes "$(probe_line null)" "/dev/null at run time"
assert_eq "" "$(probe_line remount-root)" "the run sandbox's / remounted read-write"
assert_eq refused "$(probe_line ptrace)" "PTRACE_ATTACH to PID 1 at run time"
assert_eq refused "$(probe_line environ)" "reading /proc/1/environ at run time"
assert_eq yes "$(probe_line done)" "the program outlived its own signal to PID 1"
