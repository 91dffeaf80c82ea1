#!/bin/bash
# `run --no-network`: a network namespace with only the loopback interface, up and usable; a
# server on the host's 127.0.0.1 is out of reach. Without the flag it is reachable.
# (Only loopback addresses are used.)
. "$ITEST_DIR/lib.sh"

py=/usr/bin/python3
[[ -x $py ]] || skip "no /usr/bin/python3 for the loopback server"

# a server on the host's loopback, on a free port it picks itself
port_file="$TEST_TMP/port"
"$py" -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.sendall(b"hello-from-host\n")
    c.close()' "$port_file" &
track_pid $!
for _ in $(seq 1 50); do
    [[ -s "$port_file" ]] && break
    sleep 0.1
done
port=$(cat "$port_file" 2>/dev/null || true)
[[ "$port" =~ ^[0-9]+$ ]] || fail "the host's loopback server did not start"
got=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -n 1 <&3' _ "$port" || true)
assert_eq hello-from-host "$got" "the server answers on the host (fixture check)"

# what the program inside reports: interfaces of /proc/net/dev, ip link, a loopback self-test,
# and whether the host's server answers
probe='
echo "dev: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | sort | tr "\n" " ")"
if command -v ip >/dev/null 2>&1; then echo "ip: $(ip -o link show | cut -d: -f2 | tr -d " " | sort | tr "\n" " ")"; echo "lo: $(ip -o link show lo)"; fi
/usr/bin/python3 -c "
import socket
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(1)
c = socket.create_connection(s.getsockname(), timeout=5); a, _ = s.accept()
c.sendall(b\"ping\"); print(\"self:\", a.recv(4).decode())" 2>&1 | tail -n 1
if got=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && head -n 1 <&3" 2>/dev/null) && [ -n "$got" ]; then
    echo "host: $got"
else
    echo "host: unreachable"
fi
exit 0'

# ------------------------------------------------------------------ --no-network
assert_exit 0 td run --no-network --exec sh -- -c "$probe" sh "$port"
note "--no-network:"$'\n'"$OUT"
assert_eq "dev: lo " "$(grep '^dev: ' <<<"$OUT")" "the interfaces of /proc/net/dev with --no-network"
if grep -q '^ip: ' <<<"$OUT"; then
    assert_eq "ip: lo " "$(grep '^ip: ' <<<"$OUT")" "the links of ip link with --no-network"
    lo=$(grep '^lo: ' <<<"$OUT")
    up_re='<([A-Z_]+,)*UP(,[A-Z_]+)*>'
    [[ "$lo" =~ $up_re ]] || fail "lo is not up with --no-network: $lo"
fi
assert_contains "$OUT" "self: ping" "a connection over the loopback inside --no-network failed"
assert_eq "host: unreachable" "$(grep '^host: ' <<<"$OUT")" "the host's loopback server from inside --no-network"

# ------------------------------------------------------------------ the default keeps the network
assert_exit 0 td run --exec sh -- -c "$probe" sh "$port"
note "default:"$'\n'"$OUT"
assert_eq "host: hello-from-host" "$(grep '^host: ' <<<"$OUT")" "the host's loopback server from inside run without --no-network"
host_ifaces="dev: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\n' ' ')"
assert_eq "$host_ifaces" "$(grep '^dev: ' <<<"$OUT")" "the interfaces inside run without --no-network (the host's)"
