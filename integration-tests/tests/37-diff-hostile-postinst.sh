#!/bin/bash
# A postinst that hides in what `trydeb diff` used to overlook: an apt.conf.d snippet, a
# second uid-0 account, file capabilities, and edits of its own package's files (an append,
# a touch, a chmod). Each is listed with the maintainer-script attribution, the ones an
# auditor must see are flagged with a reason that names them, and the package's untouched
# file is still its own, added, unflagged.
. "$ITEST_DIR/lib.sh"

[[ -f /etc/passwd ]] || skip "no /etc/passwd on this machine"
[[ -x /usr/sbin/setcap || -x /sbin/setcap ]] || skip "no setcap (libcap2-bin) on this machine for the postinst"

share=/usr/share/trydeb-sly
pkg=$(make_pkg trydeb-sly 1.0 \
    --file $share/untouched "as shipped" \
    --file $share/appended "as shipped" \
    --file $share/touched "as shipped" \
    --file $share/chmodded "as shipped" \
    --exe /usr/bin/trydeb-sly-ping "#!/bin/sh" \
    --postinst '
PATH=/usr/sbin:/sbin:$PATH
mkdir -p /etc/apt/apt.conf.d
echo "APT::Get::AllowUnauthenticated \"true\";" > /etc/apt/apt.conf.d/99trydeb-sly
echo "toor:x:0:0::/root:/bin/sh" >> /etc/passwd
echo x >> '$share'/appended
touch -d @1900000000 '$share'/touched
chmod 0666 '$share'/chmodded
setcap cap_net_raw+ep /usr/bin/trydeb-sly-ping')

assert_exit 0 td install "$pkg"
tx=$(tx_of trydeb-sly)
by_scripts=$(attr_scripts trydeb-sly "$tx")

assert_exit 0 td diff
full=$OUT
note "trydeb diff:"$'\n'"$full"
assert_diff_format "$full"

# what the scripts did, each attributed to them
assert_diff_has "$full" added /etc/apt/apt.conf.d/99trydeb-sly "$by_scripts"
assert_diff_has "$full" modified /etc/passwd "$by_scripts"
assert_diff_has "$full" modified $share/appended "$by_scripts" \
    "an append to the package's own file is not 'modified' by its scripts"
assert_diff_has "$full" metadata $share/touched "$by_scripts" "a touch of the package's own file is not listed"
assert_diff_has "$full" metadata $share/chmodded "$by_scripts" "a chmod of the package's own file is not listed"
assert_diff_has "$full" metadata /usr/bin/trydeb-sly-ping "$by_scripts" "setcap on the package's own file is not listed"
# dpkg's own unpack is no noise: the untouched file is the package's
assert_diff_has "$full" added $share/untouched "$(attr_pkg trydeb-sly 1.0)"

# the reasons
declare -A reason=(
    [/etc/apt/apt.conf.d/99trydeb-sly]="apt configuration"
    [/etc/passwd]="a second root account: toor; users or groups changed"
    [/usr/bin/trydeb-sly-ping]="file capabilities: cap_net_raw+ep"
)
for p in "${!reason[@]}"; do
    assert_suspicious "$full" "$p" "${reason[$p]}"
done
for p in $share/untouched $share/appended $share/touched $share/chmodded; do
    assert_not_suspicious "$full" "$p"
done

# --suspicious: exactly those three (plus /etc/apt/apt.conf.d if the host has none)
assert_exit 0 td diff --suspicious
susp=$OUT
note "trydeb diff --suspicious:"$'\n'"$susp"
got=$(diff_suspicious "$susp" | cut -f1 | grep -vx /etc/apt/apt.conf.d | LC_ALL=C sort)
assert_eq "$(printf '%s\n' "${!reason[@]}" | LC_ALL=C sort)" "$got" "the paths trydeb diff --suspicious flags"

# --json agrees on kinds and reasons
assert_exit 0 td diff --json
rows=$(diff_json_rows "$OUT_FILE")
json_field() { awk -F'\t' -v p="$1" -v f="$2" '$1 == p { print $f }' <<<"$rows"; }
assert_eq modified "$(json_field $share/appended 2)" "kind of $share/appended in --json"
assert_eq maintainer-script "$(json_field $share/appended 3)" "source of $share/appended in --json"
assert_eq metadata "$(json_field $share/touched 2)" "kind of $share/touched in --json"
assert_eq "file capabilities: cap_net_raw+ep" "$(json_field /usr/bin/trydeb-sly-ping 7)" \
    "suspicious of /usr/bin/trydeb-sly-ping in --json"
