#!/bin/bash
# fortune-mod pulls in a shared library the host lacks (librecode0): dpkg's ldconfig trigger
# runs inside, so the environment's linker cache knows the library and the program runs;
# the host's cache does not change.
. "$ITEST_DIR/lib.sh"

if dpkg-query -W -f '${Status}' librecode0 2>/dev/null | grep -q 'install ok installed'; then
    skip "the host has librecode0 already"
fi
host_cache=$(sha256sum /etc/ld.so.cache)

assert_exit 0 td install -y fortune-mod
assert_no_stacktrace
assert_contains "$OUT" "librecode0"
assert_contains "$OUT" "Processing triggers for libc-bin"

assert_exit 0 td run --exec /usr/games/fortune fortune-mod
[[ -n "$OUT" ]] || fail "fortune printed nothing"

assert_exit 0 td shell -- -c 'ldconfig -p | grep -c librecode'
[[ "$OUT" -ge 1 ]] || fail "the environment's ld.so.cache does not list librecode"
assert_eq "$host_cache" "$(sha256sum /etc/ld.so.cache)" "the host's /etc/ld.so.cache changed"

assert_exit 0 td list --json
assert_eq "true" "$(jq -r '.[] | select(.name == "librecode0") | .automatic' <<<"$OUT")" "librecode0 automatic"
