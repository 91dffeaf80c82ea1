#!/bin/bash
# itest: changes-host
# The host keeps changing under a persistent environment: a package and a user added on the
# host after the environment's install show inside (dpkg -l, getent), next to the
# environment's own package, which still runs (a run plan saved before the change is not
# used). When the host gets a newer version of a package the environment holds, trydeb says
# so, every time.
. "$ITEST_DIR/lib.sh"

host_pkg=sl
drift_user=trydeb-drift-$$
if dpkg-query -W -f '${Status}' "$host_pkg" 2>/dev/null | grep -q 'installed'; then
    skip "the host has $host_pkg installed already"
fi
env_deb=$(make_pkg trydeb-drift-env 1.0 --exe /usr/bin/trydeb-drift-env $'#!/bin/sh\necho env package runs')
chmod -R a+rX "$TEST_TMP/pkgs"

before=$(dpkg-query -W -f '${Package}\n' | sort)
restore_host() {
    local added
    added=$(comm -13 <(echo "$before") <(dpkg-query -W -f '${Package}\n' | sort) | tr '\n' ' ')
    [[ -z "$added" ]] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $added >/dev/null
    userdel "$drift_user" 2>/dev/null || true
}
on_exit restore_host

assert_exit 0 td install "$env_deb"
assert_exit 0 td run trydeb-drift-env
assert_eq "env package runs" "$OUT"
run_cmd without_java td run trydeb-drift-env
assert_eq 0 "$RC" "the second run, from the plan the first saved: $ERR"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$host_pkg" >/dev/null
useradd --system --no-create-home "$drift_user"

# The plan the first run saved was computed from the host's old dpkg status and passwd: the
# next run must plan again with Java (whose stand-in here fails loudly).
run_cmd without_java td run trydeb-drift-env
assert_eq 99 "$RC" "a run plan saved before the host changed was used"

assert_exit 0 td shell -- -c "dpkg-query -W -f '\${db:Status-Abbrev}\${Package}\n' $host_pkg trydeb-drift-env; getent passwd $drift_user | cut -d: -f1"
assert_eq "ii $host_pkg"$'\n'"ii trydeb-drift-env"$'\n'"$drift_user" "$OUT" "host and environment packages and the new host user inside"
assert_exit 0 td run trydeb-drift-env
assert_eq "env package runs" "$OUT"
assert_exit 0 td shell -- -c "test -x /usr/games/$host_pkg && echo present"
assert_eq "present" "$OUT"

# And the other way: the environment installs again after the host changed.
env_deb2=$(make_pkg trydeb-drift-env2 1.0 --exe /usr/bin/trydeb-drift-env2 $'#!/bin/sh\necho second')
chmod -R a+rX "$TEST_TMP/pkgs"
assert_exit 0 td install "$env_deb2"
assert_exit 0 td shell -- -c "dpkg-query -W -f '\${db:Status-Abbrev}\${Package}\n' $host_pkg trydeb-drift-env trydeb-drift-env2"
assert_eq "ii $host_pkg"$'\n'"ii trydeb-drift-env"$'\n'"ii trydeb-drift-env2" "$OUT"

# The environment holds an older rsync; then the host gets the newest.
mapfile -t versions < <(apt-cache madison rsync | awk '{ print $3 }' | sort -u | sort -V)
if ((${#versions[@]} >= 2)) && ! dpkg-query -W -f '${Status}' rsync 2>/dev/null | grep -q installed; then
    assert_exit 0 td install -y "rsync=${versions[0]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "rsync=${versions[-1]}" >/dev/null
    assert_exit 0 td run rsync -- --version
    assert_contains "$ERR" "the host now has rsync ${versions[-1]}, newer than environment 'default''s ${versions[0]}"
    # A run that warns saves no plan, so the next one warns too.
    assert_exit 0 td run rsync -- --version
    assert_contains "$ERR" "the host now has rsync ${versions[-1]}" "the second run did not warn"
    assert_exit 0 td shell -- -c "dpkg-query -W -f '\${Version}' rsync"
    assert_eq "${versions[0]}" "$OUT" "the environment keeps its own rsync"
else
    note "rsync has one version in the mirror or is on the host: the newer-on-host check is skipped"
fi
