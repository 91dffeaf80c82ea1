#!/bin/bash
# What a maintainer script can do to a file host root owns on a real system it can do in the
# environment: rename it, append to it, chmod, chown and touch it, hard-link it, create files
# next to it in /etc or two levels below /var/lib and /var/cache (the kernel
# refuses a non-root mounter the copy-up of such a file, so trydeb does it on demand). The
# environment shows the result, diff names each change, and the host is untouched. /var/tmp
# is private scratch space like /tmp. docbook-xml's catalog update is the real-world case.
. "$ITEST_DIR/lib.sh"

host_files=(/etc/debian_version /etc/issue /etc/issue.net /etc/shells /etc/host.conf /etc/profile)
[[ -d /var/lib/apt/periodic ]] || skip "the host has no /var/lib/apt/periodic (apt ships it)"
for f in "${host_files[@]}"; do
    [[ -f $f && $(stat -c %u "$f") == 0 ]] || skip "the host has no root-owned $f"
done
host_state() { stat -c '%n %u %g %a %s %Y %i %h' "${host_files[@]}" /etc/xml/catalog 2>&1; sha256sum "${host_files[@]}"; }
before=$(host_state)

tx=$(make_pkg trydeb-edits-host 1.0 --postinst '
mv /etc/debian_version /etc/debian_version.trydeb-old
echo "edited by trydeb-edits-host" >/etc/debian_version
echo "appended line" >>/etc/issue
chmod 0600 /etc/issue.net
chown daemon:daemon /etc/shells
touch -d "2001-02-03 04:05:06 UTC" /etc/host.conf
ln /etc/host.conf /etc/host.conf.trydeb-link
echo stamp >/var/lib/apt/periodic/trydeb-edits-host
: >>/etc/profile
scratch=$(mktemp -p /var/tmp trydeb-edits-host.XXXXXX)
echo scratch >"$scratch"' \
    --exe /usr/bin/trydeb-edits-host '#!/bin/sh
cat /etc/debian_version
test -s /etc/debian_version.trydeb-old && echo renamed copy kept
tail -n 1 /etc/issue
stat -c "%n %a" /etc/issue.net
date -u -r /etc/host.conf +%Y
stat -c %h /etc/host.conf')
assert_exit 0 td install "$tx"
assert_exit 0 td run trydeb-edits-host
assert_eq "edited by trydeb-edits-host
renamed copy kept
appended line
/etc/issue.net 600
2001
2" "$OUT"

assert_exit 0 td diff
diff_out=$OUT
assert_diff_format "$diff_out"
scripts=$(attr_scripts trydeb-edits-host 1)
assert_diff_has "$diff_out" modified /etc/debian_version "$scripts"
assert_diff_has "$diff_out" added /etc/debian_version.trydeb-old "$scripts"
assert_diff_has "$diff_out" modified /etc/issue "$scripts"
assert_diff_has "$diff_out" metadata /etc/issue.net "$scripts"
assert_diff_has "$diff_out" metadata /etc/shells "$scripts"
assert_diff_has "$diff_out" metadata /etc/host.conf "$scripts"
assert_diff_has "$diff_out" added /etc/host.conf.trydeb-link "$scripts"
# a new file two levels below /var/lib, in a directory no package of the environment ships
assert_diff_has "$diff_out" added /var/lib/apt/periodic/trydeb-edits-host "$scripts"
# scratch files are nobody's change, and the supervisor's temporary names never show
assert_not_contains "$diff_out" "/var/tmp"
assert_not_contains "$diff_out" ".trydeb-copy-up"
[[ -z $(find "$(envs_dir)" -name '.trydeb-copy-up.*' 2>/dev/null) ]] || fail "a copy-up temporary file was left in the store"
# a host file opened for writing but left as it was is not kept in the layer, where it would
# hide the host's later changes to it
assert_diff_lacks "$diff_out" /etc/profile
[[ -z $(find "$(envs_dir)" -path '*/upper/etc/profile' 2>/dev/null) ]] || fail "an unchanged copy of /etc/profile was kept"

# /var/tmp at run time: writable, private to the sandbox, gone with it
name="trydeb-itest.$$.$RANDOM"
assert_exit 0 td run --exec sh -- -c 'echo hi >"/var/tmp/$1" && cat "/var/tmp/$1" && stat -c %a /var/tmp' sh "$name"
assert_eq "hi
1777" "$OUT"
assert_file_absent "/var/tmp/$name"
assert_exit 1 td run --exec test -- -e "/var/tmp/$name"

# docbook-xml and sgml-data register their catalogs by renaming and rewriting the host's
# /etc/xml/catalog and /var/lib/sgml-base/supercatalog
assert_exit 0 td --env docbook install -y docbook-xml
assert_exit 0 td --env docbook run --exec xmlcatalog -- /etc/xml/catalog "-//OASIS//DTD DocBook XML V4.5//EN"
assert_eq "file:///usr/share/xml/docbook/schema/dtd/4.5/docbookx.dtd" "$OUT"
assert_exit 0 td --env docbook diff
assert_diff_format "$OUT"
assert_contains "$OUT" "modified         /etc/xml/catalog"
assert_contains "$OUT" "modified         /var/lib/sgml-base/supercatalog"

assert_eq "$before" "$(host_state)" "the host's files after the installs"
