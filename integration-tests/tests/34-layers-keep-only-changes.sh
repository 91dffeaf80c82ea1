#!/bin/bash
# A layer keeps what its transaction changed. The host directories prepared in case a
# maintainer script writes there (all of /etc, ...) go again when none did, and stay as the
# script left them when one did: a file added, a mode changed. Every layer is a lower layer
# of each later sandbox, where each directory it holds is one more the overlay merges.
. "$ITEST_DIR/lib.sh"

[[ -d /etc/profile.d && -d /etc/opt && -z "$(ls -A /etc/opt)" ]] ||
    skip "the host lacks /etc/profile.d or an empty /etc/opt"
[[ $(stat -c %a /etc/opt) == 755 ]] || skip "the host's /etc/opt is not 0755"

one=$(make_pkg trydeb-layer-one 1.0 --file /usr/share/trydeb-layer-one/data "one" \
    --postinst $'echo "export TRYDEB_LAYER=1" >/etc/profile.d/trydeb-layer.sh\nchmod 0700 /etc/opt')
assert_exit 0 td --env layers install "$one"
layers=$(envs_dir)/layers/layers
first=$(ls -d "$layers"/*/upper)
assert_eq "etc etc/opt etc/profile.d" "$(cd "$first" && find etc -type d | LC_ALL=C sort | xargs)" \
    "the directories of /etc the first layer keeps"

# dpkg's status is kept in the records, not as a copy per layer (the host's is hundreds of KB):
# a transaction costs what its package installs plus a few KB
status_copy=$(stat -c %s "$first/var/lib/dpkg/status")
((status_copy < 1024)) || fail "the layer keeps a $status_copy-byte copy of dpkg's status"
file_bytes=$(find "$first" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
((file_bytes < 16384)) || fail "the files of a layer of a one-file package take $file_bytes bytes"
assert_exit 0 td --env layers run --exec dpkg-query -- -W trydeb-layer-one
assert_eq $'trydeb-layer-one\t1.0' "$OUT" "dpkg inside knows the package"

# on ext4, each layer gets a block group of its own (store.Directories)
if [[ $(stat -f -c %T "$layers") == ext2/ext3 ]]; then
    [[ $(lsattr -d "$layers" | cut -d ' ' -f 1) == *T* ]] ||
        fail "the layers directory lacks ext4's top-of-hierarchies flag: $(lsattr -d "$layers")"
fi

# inside, the script's changes; on the host, none
assert_exit 0 td --env layers run --exec sh -- -c 'stat -c %a /etc/opt; cat /etc/profile.d/trydeb-layer.sh'
assert_eq $'700\nexport TRYDEB_LAYER=1' "$OUT" "/etc/opt's mode and the script's file inside"
assert_eq 755 "$(stat -c %a /etc/opt)" "the host's /etc/opt"
assert_file_absent /etc/profile.d/trydeb-layer.sh

# a package whose scripts write nothing leaves no /etc in its layer, and the first layer's show through
two=$(make_pkg trydeb-layer-two 1.0 --file /usr/share/trydeb-layer-two/data "two")
assert_exit 0 td --env layers install "$two"
second=$(ls -d "$layers"/*/upper | LC_ALL=C sort | tail -n 1)
[[ $second != "$first" ]] || fail "the second install made no layer of its own"
[[ ! -e $second/etc ]] || fail "the second layer keeps /etc directories it did not change: $(cd "$second" && find etc | xargs)"
assert_exit 0 td --env layers run --exec cat -- /etc/profile.d/trydeb-layer.sh /usr/share/trydeb-layer-two/data
assert_eq $'export TRYDEB_LAYER=1\ntwo' "$OUT" "both layers' files inside"
