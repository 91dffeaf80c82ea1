#!/bin/bash
# itest: changes-host
# An upgrade of a host package whose files sit in a directory only root can read (as
# systemd's do in /usr/share/polkit-1/rules.d, 0700 polkitd): overlayfs reads the host with
# the user's rights, so the environment shows such a directory as it can, empty, and dpkg
# fills it with the new version's files. The program runs the new version; the host keeps
# the old one.
. "$ITEST_DIR/lib.sh"

pkg=trydeb-private
if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'installed'; then
    skip "the host has $pkg installed already"
fi
build_private() {
    local version=$1 root
    root=$(make_pkg "$pkg" "$version" --tree-only \
        --exe /usr/bin/trydeb-private "$(printf '#!/bin/sh\necho "trydeb-private %s"' "$version")" \
        --file /usr/share/trydeb-private/secret/data "data $version" "${@:2}")
    chmod 0700 "$root/usr/share/trydeb-private/secret"
    build_deb "$root" "$TEST_TMP/pkgs/${pkg}_${version}.deb"
    printf '%s\n' "$TEST_TMP/pkgs/${pkg}_${version}.deb"
}
old=$(build_private 1.0)
new=$(build_private 2.0 --file /usr/share/trydeb-private/secret/added "added in 2.0" \
    --postinst 'chown root:daemon /usr/share/trydeb-private/secret
chmod 0750 /usr/share/trydeb-private/secret')
chmod -R a+rX "$TEST_TMP/pkgs"
on_exit "dpkg --purge $pkg >/dev/null 2>&1 || true"
dpkg -i "$old" >/dev/null || fail "cannot install $old on the host"
host_before=$(stat -c '%n %U %a' /usr/share/trydeb-private/secret /usr/share/trydeb-private/secret/data; cat /usr/share/trydeb-private/secret/data)
# the premise: the user cannot look into the directory on the host
run_cmd as_user ls /usr/share/trydeb-private/secret
[[ $RC -ne 0 ]] || skip "the test user can read a root-only directory (is it root?)"

assert_exit 0 td install -y "$new"
assert_exit 0 td run trydeb-private
assert_eq "trydeb-private 2.0" "$OUT"
assert_exit 0 td run --exec dpkg-query -- -W -f '${Version}' "$pkg"
assert_eq "2.0" "$OUT"
# what the postinst did to the directory the user cannot read on the host
assert_exit 0 td run --exec stat -- -c %a /usr/share/trydeb-private/secret
assert_eq "750" "$OUT"
assert_exit 0 td list
assert_contains "$OUT" "$pkg "
assert_exit 0 td diff
assert_diff_format "$OUT"
assert_diff_has "$OUT" added /usr/share/trydeb-private/secret/added "$(attr_pkg "$pkg" 2.0)"
# the user cannot see the host's copy: the environment shows it as it can, as new
assert_diff_has "$OUT" added /usr/share/trydeb-private/secret/data "$(attr_pkg "$pkg" 2.0)"
assert_diff_has "$OUT" metadata /usr/share/trydeb-private/secret "$(attr_pkg "$pkg" 2.0)"

assert_eq "1.0" "$(dpkg-query -W -f '${Version}' "$pkg")" "the host's version"
assert_eq "$host_before" "$(stat -c '%n %U %a' /usr/share/trydeb-private/secret /usr/share/trydeb-private/secret/data; cat /usr/share/trydeb-private/secret/data)" \
    "the host's files"
