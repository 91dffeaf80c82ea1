#!/bin/bash
# at: setuid and daemon-owned files, a service that must not start, and (through its
# recommended mail transport, exim4) maintainer scripts that add a system user and group
# with adduser. Inside, the new account exists alongside the host's; on the host it does not.
. "$ITEST_DIR/lib.sh"

if getent passwd Debian-exim >/dev/null; then
    skip "the host has the Debian-exim user already"
fi
assert_exit 0 td install -y at
assert_no_stacktrace
assert_contains "$OUT$ERR" "policy-rc.d denied execution of start" "a service start was not refused"
# what the scripts said besides problems is in the transaction's log
assert_exit 0 td log
assert_contains "$OUT" "Adding system-user for exim"

assert_exit 0 td shell -- -c 'stat -c "%a" /usr/bin/at; getent passwd Debian-exim | cut -d: -f1; getent passwd root | cut -d: -f1; getent group Debian-exim | cut -d: -f1'
assert_eq $'6755\nDebian-exim\nroot\nDebian-exim' "$OUT" "mode of /usr/bin/at and the accounts inside"
# Programs run as the user, to whom daemon's files show as nobody; in the layer they are daemon's.
at_in_layer=$(compgen -G "$(envs_dir)/default/layers/*/upper/usr/bin/at" | head -n 1)
assert_eq "1:1 6755" "$(userns_root stat -c '%u:%g %a' "$at_in_layer")" "owner and mode of /usr/bin/at in its layer"
if getent passwd Debian-exim >/dev/null; then
    fail "the host now has the Debian-exim user"
fi

assert_exit 0 td run at -- -V
assert_contains "$ERR$OUT" "at version"

# The environment's accounts live in the store, not in a copied /etc/passwd: a new shell
# still sees them.
assert_exit 0 td shell -- -c 'grep -c "^Debian-exim:" /etc/passwd /etc/shadow /etc/group'
assert_contains "$OUT" "/etc/shadow:1"
