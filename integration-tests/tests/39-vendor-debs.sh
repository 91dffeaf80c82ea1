#!/bin/bash
# Vendor .debs, as downloaded from a vendor's site: in no apt source, with dependencies that
# only the archive has (Depends, Pre-Depends, Recommends, an alternative whose first choice
# exists nowhere). apt fetches what the host lacks; dpkg installs the vendor's file itself.
. "$ITEST_DIR/lib.sh"

for pkg in sl figlet fortunes-min; do
    dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' && skip "the host has $pkg"
done

vendor=$(make_pkg vendorapp 1.0 --depends "trydeb-nowhere-pkg | sl" \
    --exe /opt/vendorapp/bin/vendorapp $'#!/bin/sh\necho vendorapp runs; command -v sl figlet')
# make_pkg writes Depends; Pre-Depends and Recommends go into a second package's control by hand
tree=$(make_pkg vendortool 2.0 --tree-only --exe /usr/bin/vendortool $'#!/bin/sh\nfiglet -v | head -n 1')
sed -i 's/^Description:/Pre-Depends: figlet\nRecommends: fortunes-min\nDescription:/' "$tree/DEBIAN/control"
tool="$TEST_TMP/pkgs/vendortool_2.0_$(host_arch).deb"
build_deb "$tree" "$tool"
sums_before=$(sha256sum "$vendor" "$tool")

run_cmd timeout 240 "$TRYDEB" install -y "$vendor" "$tool"
if [[ $RC != 0 ]] && grep -qi "could not resolve\|failed to fetch\|temporary failure" <<<"$OUT$ERR"; then
    skip "the Debian mirror is out of reach: $(tail -n 2 <<<"$ERR")"
fi
assert_eq 0 "$RC" "installing two vendor .debs with dependencies from apt: $ERR"
assert_no_stacktrace
assert_not_contains "$OUT$ERR" "not absolute"
# how to start what was asked for: vendortool's one program; vendorapp has none in a bin
# directory (its program lives in /opt), so nothing is said for it
assert_contains "$OUT" "Run it with: trydeb run vendortool"
assert_not_contains "$OUT" "run vendorapp"

assert_exit 0 td list
for pkg in vendorapp vendortool sl figlet fortunes-min; do
    grep -q "^$pkg " <<<"$OUT" || fail "$pkg is not in the environment's list:"$'\n'"$OUT"
done
grep -q '^vendorapp .* manual' <<<"$OUT" || fail "vendorapp is not marked manual: $OUT"
grep -q '^sl .* auto' <<<"$OUT" || fail "sl (pulled in by apt) is not marked auto: $OUT"

assert_exit 0 td run --exec /opt/vendorapp/bin/vendorapp
assert_contains "$OUT" "vendorapp runs"
assert_contains "$OUT" "/usr/games/sl"
assert_exit 0 td run vendortool
assert_contains "$OUT" "FIGlet"
assert_eq "$sums_before" "$(sha256sum "$vendor" "$tool")" "the vendor .debs changed"

# figlet's /usr/bin/figlet is an alternative its postinst makes (the package ships
# figlet-figlet, chkfont, ...): the program named like the package is the one run
assert_exit 0 td run figlet -- -w 40 hi
assert_contains "$OUT" "|_|"
assert_exit 0 td run --exec figlet figlet -- -w 40 ok
assert_contains "$OUT" "(_)"

# --no-install-recommends leaves the recommended package out
assert_exit 0 td --env norec install -y --no-install-recommends "$tool"
assert_exit 0 td --env norec list
assert_not_contains "$OUT" "fortunes-min"
assert_contains "$OUT" "figlet"
