#!/bin/bash
# `trydeb list --json`: an array of objects with name, version, architecture, installedAt,
# transaction, sha256 (of the .deb) and sourceFile, consistent with `trydeb list`.
. "$ITEST_DIR/lib.sh"

tool=$(json_tool)
[[ $tool != none ]] || skip "neither jq nor /usr/bin/python3 is installed to read JSON"

one=$(make_pkg trydeb-json-one 1.2-3 --exe /usr/bin/trydeb-json-one $'#!/bin/sh\necho one')
two=$(make_pkg trydeb-json-two 0.9 --arch all --file /usr/share/trydeb-json-two/data "two")
assert_exit 0 td install "$one"
assert_exit 0 td install "$two"

assert_exit 0 td list --json
json=$OUT_FILE
note "list --json:"$'\n'"$OUT"

# prints "name<TAB>version<TAB>architecture<TAB>installedAt<TAB>transaction<TAB>sha256<TAB>sourceFile"
# per object, or fails when the document is not an array of objects with all the keys
flatten() {
    if [[ $tool == jq ]]; then
        jq -r 'if type != "array" then error("not an array") else . end
            | .[] | if type != "object" then error("not an object") else . end
            | [.name, .version, .architecture, .installedAt, .transaction, .sha256, .sourceFile]
            | if any(. == null) then error("a key is missing or null") else . end
            | map(tostring) | @tsv' "$1"
    else
        /usr/bin/python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list), "not an array"
for o in doc:
    assert isinstance(o, dict), "not an object"
    keys = ["name", "version", "architecture", "installedAt", "transaction", "sha256", "sourceFile"]
    missing = [k for k in keys if o.get(k) is None]
    assert not missing, "missing keys: %s" % missing
    print("\t".join(str(o[k]) for k in keys))' "$1"
    fi
}
rows=$(flatten "$json") || fail "list --json is not an array of objects with all the keys:"$'\n'"$OUT"
assert_eq 2 "$(grep -c . <<<"$rows")" "objects in list --json"

check_row() {
    local name=$1 deb=$2 row
    row=$(awk -F'\t' -v n="$name" '$1 == n' <<<"$rows")
    [[ -n "$row" ]] || fail "list --json has no object for $name"
    local n v a at tx sha src
    IFS=$'\t' read -r n v a at tx sha src <<<"$row"
    assert_eq "$(dpkg-deb -f "$deb" Version)" "$v" "version of $name"
    assert_eq "$(dpkg-deb -f "$deb" Architecture)" "$a" "architecture of $name"
    assert_eq "$(sha256sum <"$deb" | cut -c1-64)" "$sha" "sha256 of $name"
    [[ "$src" == *"$(basename "$deb")" ]] || fail "sourceFile of $name is '$src', expected the path of $(basename "$deb")"
    [[ -n "$at" ]] || fail "installedAt of $name is empty"
    [[ "$at" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}|^[0-9]{9,}$ ]] || fail "installedAt of $name is not a date or timestamp: '$at'"
    [[ -n "$tx" ]] || fail "transaction of $name is empty"
    printf '%s\n' "$tx"
}
tx_one=$(check_row trydeb-json-one "$one")
tx_two=$(check_row trydeb-json-two "$two")
[[ "$tx_one" != "$tx_two" ]] || fail "two separate installs have the same transaction '$tx_one'"

# the plain list agrees
assert_exit 0 td list
assert_eq $'trydeb-json-one 1.2-3 '"$(host_arch)"$'\ntrydeb-json-two 0.9 all' \
    "$(awk 'NF { print $1, $2, $3 }' <<<"$OUT" | LC_ALL=C sort)" "trydeb list"

# envs: each environment with its packages, changes and disk use; one that holds nothing yet
# shows too once it exists
assert_exit 0 td --env other install "$one"
assert_exit 0 td envs
assert_eq $'default 2 2\nother 1 1' "$(awk 'NF { print $1, $2, $3 }' <<<"$OUT")" "trydeb envs"
[[ "$(awk '$1 == "default" { print $4, $5 }' <<<"$OUT")" =~ ^[0-9.]+\ (B|kB|MB)$ ]] || fail "disk use of default in: $OUT"
assert_exit 0 td envs --json
if [[ $(json_tool) != none ]]; then
    got=$(/usr/bin/python3 -c 'import json, sys
for e in json.load(sys.stdin):
    print(e["name"], e["packages"], e["changes"], e["diskBytes"] > 0, e["running"])' <<<"$OUT")
    assert_eq $'default 2 2 True []\nother 1 1 True []' "$got" "trydeb envs --json"
fi
