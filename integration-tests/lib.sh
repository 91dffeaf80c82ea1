# Helpers for trydeb's integration tests. Sourced by every tests/NN-name.sh:
#
#   . "$ITEST_DIR/lib.sh"
#
# The runner (integration-tests/run) provides, for every test:
#   TRYDEB          the staged launcher (…/dist/bin/trydeb)
#   ITEST_DIR       the staged integration-tests directory
#   FIXTURES        a per-run cache shared by the tests (packages fetched from the mirror)
#   TEST_TMP        the test's own scratch directory (also its working directory)
#   TEST_NAME       NN-name
#   XDG_DATA_HOME, XDG_CACHE_HOME   fresh, empty directories of this test only
# Tests run as an unprivileged user with `set -euo pipefail`; HOME is the user's real home.

# ---------------------------------------------------------------- failing and asserting

_itest_where() {
    # file:line of the test line that called the helper (skipping frames inside lib.sh)
    local i
    for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
        if [[ ${BASH_SOURCE[$i]} != */lib.sh ]]; then
            printf '%s:%s' "$(basename "${BASH_SOURCE[$i]}")" "${BASH_LINENO[$((i - 1))]}"
            return
        fi
    done
    printf '?'
}

# fail MSG: end the test as failed.
fail() {
    printf 'FAIL (%s): %s\n' "$(_itest_where)" "$*" >&2
    exit 1
}

# skip REASON: end the test as skipped (exit 77). Only for prerequisites that are truly
# unavailable on this machine, never for a trydeb misbehaviour.
skip() {
    printf '%s\n' "$*"
    exit 77
}

# note MSG: a line for the test's log (shown only when the test fails).
note() {
    printf 'note: %s\n' "$*"
}

# assert_eq EXPECTED ACTUAL [MSG]
assert_eq() {
    if [[ "$1" != "$2" ]]; then
        fail "${3:-values differ}"$'\n'"  expected: $(printf '%q' "$1")"$'\n'"  actual:   $(printf '%q' "$2")"
    fi
}

# assert_contains HAYSTACK NEEDLE [MSG]
assert_contains() {
    if [[ "$1" != *"$2"* ]]; then
        fail "${3:-text does not contain $(printf '%q' "$2")}"$'\n'"--- text:"$'\n'"$1"$'\n'"---"
    fi
}

# assert_not_contains HAYSTACK NEEDLE [MSG]
assert_not_contains() {
    if [[ "$1" == *"$2"* ]]; then
        fail "${3:-text unexpectedly contains $(printf '%q' "$2")}"$'\n'"--- text:"$'\n'"$1"$'\n'"---"
    fi
}

# assert_file_absent PATH [MSG]
assert_file_absent() {
    if [[ -e "$1" || -L "$1" ]]; then
        fail "${2:-$1 should not exist}: $(ls -ld "$1" 2>&1)"
    fi
}

# assert_exit CODE CMD [ARGS...]
# Runs CMD (stdin is inherited), capturing its output. Afterwards:
#   OUT / ERR          its stdout / stderr as text (trailing newlines stripped, NULs as newlines)
#   OUT_FILE / ERR_FILE  the same, byte-exact, in files
#   RC                 its exit status
# Fails the test (showing both streams) when the status is not CODE.
OUT='' ERR='' RC='' OUT_FILE='' ERR_FILE=''
_ITEST_CMD_SEQ=0
assert_exit() {
    local want=$1
    shift
    _ITEST_CMD_SEQ=$((_ITEST_CMD_SEQ + 1))
    OUT_FILE="$TEST_TMP/.cmd-$_ITEST_CMD_SEQ.out"
    ERR_FILE="$TEST_TMP/.cmd-$_ITEST_CMD_SEQ.err"
    RC=0
    printf '$ %s' "$(_itest_quote "$@")"
    "$@" >"$OUT_FILE" 2>"$ERR_FILE" || RC=$?
    OUT=$(tr '\0' '\n' <"$OUT_FILE")
    ERR=$(tr '\0' '\n' <"$ERR_FILE")
    printf '   => exit %s\n' "$RC"
    if [[ "$RC" != "$want" ]]; then
        fail "exit status $RC, expected $want: $(_itest_quote "$@")"$'\n'"--- stdout:"$'\n'"$OUT"$'\n'"--- stderr:"$'\n'"$ERR"$'\n'"---"
    fi
}

# run_cmd CMD [ARGS...]: like assert_exit but accepts any status (sets OUT, ERR, RC).
run_cmd() {
    _ITEST_CMD_SEQ=$((_ITEST_CMD_SEQ + 1))
    OUT_FILE="$TEST_TMP/.cmd-$_ITEST_CMD_SEQ.out"
    ERR_FILE="$TEST_TMP/.cmd-$_ITEST_CMD_SEQ.err"
    RC=0
    printf '$ %s' "$(_itest_quote "$@")"
    "$@" >"$OUT_FILE" 2>"$ERR_FILE" || RC=$?
    OUT=$(tr '\0' '\n' <"$OUT_FILE")
    ERR=$(tr '\0' '\n' <"$ERR_FILE")
    printf '   => exit %s\n' "$RC"
}

_itest_quote() {
    local s out=
    for s in "$@"; do
        if [[ "$s" =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then out+="$s "; else out+="$(printf '%q' "$s") "; fi
    done
    printf '%s' "${out% }"
}

# without_java CMD [ARGS...]: CMD with a JAVA_HOME whose java fails loudly ("JAVA STARTED",
# exit 99), which tells trydeb's Java-free fast path of 'run' from its Java path.
without_java() {
    local broken="$TEST_TMP/broken-java"
    if [[ ! -x "$broken/bin/java" ]]; then
        mkdir -p "$broken/bin"
        printf '#!/bin/sh\necho "JAVA STARTED" >&2\nexit 99\n' >"$broken/bin/java"
        chmod 0755 "$broken" "$broken/bin" "$broken/bin/java"
    fi
    JAVA_HOME="$broken" "$@"
}

# td ARGS...: shorthand for the launcher under test (as the test user in host-changing tests).
td() {
    as_user "$TRYDEB" "$@"
}

# as_user CMD [ARGS...]: CMD as the test's user: the caller itself, or in a host-changing test
# (run as root, "# itest: changes-host") the runner's --user, with the same XDG directories.
as_user() {
    if [[ -z "${ITEST_AS_USER:-}" ]]; then
        "$@"
        return
    fi
    runuser -u "$ITEST_AS_USER" -- env -i HOME="$ITEST_USER_HOME" USER="$ITEST_AS_USER" LOGNAME="$ITEST_AS_USER" \
        SHELL=/bin/sh PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:/usr/games LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        TERM=dumb XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} "$@"
}

# assert_no_stacktrace [TEXT]: TEXT (default: $ERR) shows no Java exception or stack frame.
# shellcheck disable=SC2120
assert_no_stacktrace() {
    local text=${1-$ERR}
    if grep -qE 'Exception|^Caused by: |^[[:space:]]+at [a-zA-Z_$][a-zA-Z0-9_$.]*\(|^	at ' <<<"$text"; then
        fail "stack trace or exception on stderr:"$'\n'"$text"
    fi
}

# assert_one_line_error [NEEDLE...]: $ERR is exactly one non-empty line starting with
# "trydeb: ", contains every NEEDLE, and no stack trace.
assert_one_line_error() {
    assert_no_stacktrace
    local lines
    lines=$(grep -c . <<<"$ERR" || true)
    [[ "$lines" == 1 ]] || fail "expected exactly one line on stderr, got $lines:"$'\n'"$ERR"
    [[ "$ERR" == "trydeb: "* ]] || fail "stderr does not start with 'trydeb: ':"$'\n'"$ERR"
    local n
    for n in "$@"; do
        assert_contains "$ERR" "$n" "error message does not name $(printf '%q' "$n")"
    done
}

# assert_last_line_error [NEEDLE...]: for commands that may print dpkg's own output first:
# the last non-empty line of $ERR starts with "trydeb: ", and there is no stack trace.
assert_last_line_error() {
    assert_no_stacktrace
    local last
    last=$(grep . <<<"$ERR" | tail -n 1 || true)
    [[ "$last" == "trydeb: "* ]] || fail "last line of stderr does not start with 'trydeb: ':"$'\n'"$ERR"
    local n
    for n in "$@"; do
        assert_contains "$ERR" "$n" "error output does not name $(printf '%q' "$n")"
    done
}

# ---------------------------------------------------------------- trees

# Run a command as root of a user namespace that also maps the user's subordinate uids and
# gids (as 1..N). Files that dpkg created inside the sandbox with other owners belong to
# those subordinate ids on the host; only there can the user read or remove all of them.
userns_root() {
    local me uid sub subg
    me=$(id -un)
    uid=$(id -u)
    sub=$(awk -F: -v u="$me" -v i="$uid" '($1 == u || $1 == i) { print $2 "," 1 "," $3; exit }' /etc/subuid 2>/dev/null || true)
    subg=$(awk -F: -v u="$me" -v i="$(id -g)" '($1 == u || $1 == i) { print $2 "," 1 "," $3; exit }' /etc/subgid 2>/dev/null || true)
    if [[ -n "$sub" && -n "$subg" ]] &&
        unshare --map-user=0 --map-group=0 --map-users="$sub" --map-groups="$subg" true 2>/dev/null; then
        unshare --map-user=0 --map-group=0 --map-users="$sub" --map-groups="$subg" -- "$@"
    elif unshare --map-root-user true 2>/dev/null; then
        unshare --map-root-user -- "$@"
    else
        "$@"
    fi
}

# The listing behind tree_digest, one line per entry, sorted:
#   path  type  mode  owner  size(files, symlinks)  symlink-target  sha256(files)
# No times: an operation that leaves a tree as it was may still have touched directories.
# Owners are numeric as seen from userns_root (the user is 0, subordinate ids 1..N), which is
# stable between two calls. A missing directory lists as "ABSENT".
_itest_tree_listing_raw() {
    local dir=$1
    if [[ ! -e "$dir" ]]; then
        echo ABSENT
        return 0
    fi
    cd "$dir" || return 1
    {
        find . -mindepth 1 \( -type f -printf '%P\t%y\t%m\t%U:%G\t%s\n' \) \
            -o \( -type l -printf '%P\t%y\t%m\t%U:%G\t%s\t-> %l\n' \) \
            -o -printf '%P\t%y\t%m\t%U:%G\n' 2>&1
        find . -mindepth 1 -type f -print0 2>/dev/null | xargs -0 -r sha256sum -- 2>&1 |
            sed -E 's|^([0-9a-f]{64})  \./(.*)$|\2\tsha256 \1|'
    } | LC_ALL=C sort
}

# tree_listing DIR: print the listing (for diffs).
tree_listing() {
    local dir
    dir=$(realpath -m "$1")
    userns_root bash -c "$(declare -f _itest_tree_listing_raw); _itest_tree_listing_raw \"\$1\"" _ "$dir"
}

# tree_digest DIR: a stable digest of a directory tree (paths, types, modes, owners, sizes,
# symlink targets and file contents).
tree_digest() {
    tree_listing "$1" | sha256sum | cut -c1-64
}

# snapshot DIR FILE: save DIR's listing to FILE; assert_unchanged DIR FILE [MSG] compares.
snapshot() {
    tree_listing "$1" >"$2"
}
assert_unchanged() {
    local dir=$1 before=$2 after
    after="$before.after.$RANDOM"
    tree_listing "$dir" >"$after"
    if ! cmp -s "$before" "$after"; then
        fail "${3:-$dir changed}:"$'\n'"$(diff -u "$before" "$after" | head -n 60)"
    fi
}

# rm_tree DIR: remove a tree that may hold files owned by subordinate ids or unwritable dirs.
rm_tree() {
    local d=$1
    [[ -e "$d" || -L "$d" ]] || return 0
    chmod -R u+rwX "$d" 2>/dev/null || true
    rm -rf "$d" 2>/dev/null && return 0
    userns_root sh -c 'chmod -R u+rwX "$1" 2>/dev/null; rm -rf "$1"' sh "$d" 2>/dev/null || true
    [[ ! -e "$d" ]]
}

# ---------------------------------------------------------------- building packages

host_arch() {
    dpkg --print-architecture
}

# build_deb DIR OUT.deb: build a .deb from a staged tree (DIR/DEBIAN/control ...), every
# member owned by root:root.
build_deb() {
    local dir=$1 out=$2
    # dpkg-deb refuses maintainer scripts and DEBIAN/ with group/other write bits
    chmod -R go-w "$dir"
    chmod 0755 "$dir/DEBIAN"
    local s
    for s in preinst postinst prerm postrm config; do
        [[ -f "$dir/DEBIAN/$s" ]] && chmod 0755 "$dir/DEBIAN/$s"
    done
    dpkg-deb --root-owner-group -Zxz --build "$dir" "$out" >/dev/null ||
        fail "dpkg-deb could not build $out"
}

# build_deb_tar DIR OUT.deb [--owner PATH USER:GROUP MODE]...
# Like build_deb but assembles the archive with tar and ar, so that chosen members can get
# other owners and modes without root or fakeroot (paths relative to DIR, e.g. usr/bin/x).
build_deb_tar() {
    local dir=$1 out=$2
    shift 2
    local -a special_paths=() special_owner=() special_mode=()
    while (($#)); do
        [[ $1 == --owner ]] || fail "build_deb_tar: unknown option $1"
        special_paths+=("$2")
        special_owner+=("$3")
        special_mode+=("$4")
        shift 4
    done
    local work
    work=$(mktemp -d "$TEST_TMP/debtar.XXXXXX")
    chmod -R go-w "$dir"
    chmod 0755 "$dir/DEBIAN"
    local s
    for s in preinst postinst prerm postrm config; do
        [[ -f "$dir/DEBIAN/$s" ]] && chmod 0755 "$dir/DEBIAN/$s"
    done
    local -a common=(--format=gnu --sort=name --numeric-owner --mtime=@1700000000)
    printf '2.0\n' >"$work/debian-binary"
    tar -C "$dir/DEBIAN" "${common[@]}" --owner=0 --group=0 -cJf "$work/control.tar.xz" . ||
        fail "tar control"
    local -a excl=()
    local i
    for i in "${!special_paths[@]}"; do
        excl+=("--exclude=./${special_paths[$i]}")
    done
    tar -C "$dir" "${common[@]}" --owner=0 --group=0 --exclude=./DEBIAN "${excl[@]}" -cf "$work/data.tar" . ||
        fail "tar data"
    for i in "${!special_paths[@]}"; do
        local owner=${special_owner[$i]%%:*} group=${special_owner[$i]#*:} uid gid
        uid=$(getent passwd "$owner" | cut -d: -f3)
        gid=$(getent group "$group" | cut -d: -f3)
        [[ -n "$uid" && -n "$gid" ]] || fail "build_deb_tar: no such user/group $owner:$group"
        # name:id form keeps the names in the archive (dpkg prefers names) with matching ids
        tar -C "$dir" --format=gnu --mtime=@1700000000 --owner="$owner:$uid" --group="$group:$gid" \
            --mode="${special_mode[$i]}" -rf "$work/data.tar" "./${special_paths[$i]}" ||
            fail "tar append ${special_paths[$i]}"
    done
    xz -9 <"$work/data.tar" >"$work/data.tar.xz"
    rm -f "$out"
    (cd "$work" && ar rcD "$out.tmp" debian-binary control.tar.xz data.tar.xz) 2>/dev/null ||
        (cd "$work" && ar rc "$out.tmp" debian-binary control.tar.xz data.tar.xz) ||
        fail "ar could not assemble $out"
    mv "$out.tmp" "$out"
    dpkg-deb --info "$out" >/dev/null || fail "dpkg-deb does not accept the hand-built $out"
}

# make_pkg NAME VERSION [options]: build a package in $TEST_TMP/pkgs and print the .deb path.
#   --arch ARCH               Architecture (default: the host's)
#   --depends TEXT            Depends field
#   --file PATH CONTENT       a regular file 0644 (PATH absolute inside the package)
#   --exe PATH CONTENT        an executable 0755 (CONTENT is a script, include the #! line)
#   --preinst|--postinst|--prerm|--postrm TEXT   maintainer script body (#!/bin/sh and
#                             `set -e` are added in front)
#   --size KIB                add /usr/share/NAME/padding of KIB KiB of incompressible data
#   --out FILE                where to write the .deb (default $TEST_TMP/pkgs/NAME_VERSION_ARCH.deb)
#   --tree-only               build nothing, print the staged tree's path (for build_deb_tar)
make_pkg() {
    local name=$1 version=$2
    shift 2
    local arch depends='' out='' tree_only=''
    arch=$(host_arch)
    local root="$TEST_TMP/pkgs/$name-$version.tree"
    rm -rf "$root"
    mkdir -p "$root/DEBIAN"
    while (($#)); do
        case $1 in
            --arch) arch=$2; shift 2 ;;
            --depends) depends=$2; shift 2 ;;
            --file | --exe)
                mkdir -p "$root$(dirname "$2")"
                printf '%s\n' "$3" >"$root$2"
                if [[ $1 == --exe ]]; then chmod 0755 "$root$2"; else chmod 0644 "$root$2"; fi
                shift 3 ;;
            --preinst | --postinst | --prerm | --postrm)
                printf '#!/bin/sh\nset -e\n%s\n' "$2" >"$root/DEBIAN/${1#--}"
                chmod 0755 "$root/DEBIAN/${1#--}"
                shift 2 ;;
            --size)
                mkdir -p "$root/usr/share/$name"
                head -c "$(($2 * 1024))" /dev/urandom >"$root/usr/share/$name/padding"
                shift 2 ;;
            --out) out=$2; shift 2 ;;
            --tree-only) tree_only=1; shift ;;
            *) fail "make_pkg: unknown option $1" ;;
        esac
    done
    {
        printf 'Package: %s\nVersion: %s\nArchitecture: %s\n' "$name" "$version" "$arch"
        printf 'Maintainer: trydeb integration tests <itest@example.invalid>\n'
        printf 'Section: misc\nPriority: optional\n'
        [[ -n "$depends" ]] && printf 'Depends: %s\n' "$depends"
        printf 'Description: %s, built by the trydeb integration tests\n test package\n' "$name"
    } >"$root/DEBIAN/control"
    if [[ -n "$tree_only" ]]; then
        printf '%s\n' "$root"
        return
    fi
    [[ -n "$out" ]] || out="$TEST_TMP/pkgs/${name}_${version}_${arch}.deb"
    build_deb "$root" "$out"
    printf '%s\n' "$out"
}

# ---------------------------------------------------------------- fixtures

# fixture_deb PACKAGE: set FIXTURE to the path of PACKAGE's .deb from the Debian mirror,
# fetched once per run into $FIXTURES with `apt-get download` (as this user, into the
# directory). Skips the test when it cannot be fetched. Call it directly, not in $(...).
FIXTURE=
fixture_deb() {
    local pkg=$1
    mkdir -p "$FIXTURES"
    (
        flock 9
        if ! compgen -G "$FIXTURES/${pkg}_*.deb" >/dev/null; then
            dl=$(mktemp -d "$FIXTURES/.dl.XXXXXX")
            if (cd "$dl" && timeout 120 apt-get download "$pkg") >"$FIXTURES/.$pkg.download.log" 2>&1; then
                mv "$dl"/*.deb "$FIXTURES/"
            fi
            rm -rf "$dl"
        fi
    ) 9>"$FIXTURES/.lock"
    FIXTURE=$(compgen -G "$FIXTURES/${pkg}_*.deb" | head -n 1 || true)
    if [[ -z "$FIXTURE" ]]; then
        skip "cannot fetch $pkg with apt-get download (no network to the Debian mirror, or no apt lists: run apt-get update as root): $(tail -n 2 "$FIXTURES/.$pkg.download.log" 2>/dev/null | tr '\n' ' ')"
    fi
}

# ---------------------------------------------------------------- trydeb specifics

store_dir() { printf '%s\n' "$XDG_DATA_HOME/trydeb"; }
envs_dir() { printf '%s\n' "$XDG_DATA_HOME/trydeb/envs"; }

# list_names [--env NAME]: names from `trydeb list`, sorted.
list_names() {
    "$TRYDEB" "$@" list | awk 'NF { print $1 }' | LC_ALL=C sort
}

# The JSON tool for `list --json` checks: jq, else the system python3, else none.
json_tool() {
    if command -v jq >/dev/null 2>&1; then
        echo jq
    elif [[ -x /usr/bin/python3 ]]; then
        echo python3
    else
        echo none
    fi
}

# ---------------------------------------------------------------- trydeb diff (tests 20 and up)

# The closed set of change labels of `trydeb diff`.
DIFF_KINDS=(added modified deleted new-directory dir-to-file file-to-dir symlink-changed metadata)

# Attribution texts of `trydeb diff`, as printed inside the parentheses.
attr_pkg() { printf 'package %s %s' "$1" "$2"; }
attr_scripts() { printf 'maintainer scripts of %s (transaction %s)' "$1" "$2"; }

# diff_changes TEXT: the change lines of `trydeb diff` text output (everything before its
# "Suspicious:" block) as KIND<TAB>PATH<TAB>ATTRIBUTION, one per line. "no changes" and blank
# lines give nothing; a line not of the form "LABEL  PATH  (ATTRIBUTION)" comes out as
# "?<TAB>the line". Paths are taken to hold no white space (the tests' paths do not).
diff_changes() {
    # No early 'q': sed must read all its input, or printf may die of SIGPIPE (pipefail: 141).
    printf '%s\n' "$1" | sed -nE '/^Suspicious:[[:space:]]*$/,$d
        /^[[:space:]]*$/d
        /^no changes[[:space:]]*$/d
        s/^([a-z-]+)[[:space:]]+(\/[^[:space:]]*)[[:space:]]+\((.*)\)[[:space:]]*$/\1\t\2\t\3/p
        t
        s/^/?\t/p'
}

# diff_suspicious TEXT: the lines of the "Suspicious:" block ("  PATH: REASON") as
# PATH<TAB>REASON; an unparsable line in the block comes out as "?<TAB>the line".
diff_suspicious() {
    printf '%s\n' "$1" | sed -nE '0,/^Suspicious:[[:space:]]*$/d
        /^[[:space:]]*$/d
        s/^[[:space:]]+(\/[^[:space:]]*): (.*[^[:space:]])[[:space:]]*$/\1\t\2/p
        t
        s/^/?\t/p'
}

# diff_paths TEXT: the paths of the change lines, sorted.
diff_paths() {
    diff_changes "$1" | awk -F'\t' '$1 != "?" { print $2 }' | LC_ALL=C sort
}

# assert_diff_format TEXT: TEXT is well-formed `trydeb diff` text output: "no changes", or
# change lines with a known label, an absolute path (each path once) and one of the three
# attribution forms, optionally followed by a blank line, "Suspicious:" and "  PATH: REASON"
# lines naming paths that are among the changes.
assert_diff_format() {
    local text=$1 changes susp bad kind path attr
    assert_no_stacktrace "$text"
    if [[ "$text" == "no changes" ]]; then
        return 0
    fi
    [[ -n "$text" ]] || fail "trydeb diff printed nothing (expected 'no changes' or change lines)"
    changes=$(diff_changes "$text")
    bad=$(awk -F'\t' '$1 == "?" { print $2 }' <<<"$changes")
    [[ -z "$bad" ]] || fail "lines of trydeb diff not of the form 'LABEL  PATH  (ATTRIBUTION)':"$'\n'"$bad"$'\n'"--- whole output:"$'\n'"$text"
    while IFS=$'\t' read -r kind path attr; do
        [[ -n "$kind" ]] || continue
        [[ " ${DIFF_KINDS[*]} " == *" $kind "* ]] || fail "unknown label '$kind' in: $kind $path ($attr)"
        [[ "$attr" =~ ^(package\ [^[:space:]]+\ [^[:space:]]+|maintainer\ scripts\ of\ [^[:space:](),]+(,\ [^[:space:](),]+)*\ \(transaction\ [0-9]+\)|runtime)$ ]] ||
            fail "unknown attribution '($attr)' in: $kind $path ($attr)"
    done <<<"$changes"
    local dups
    dups=$(diff_paths "$text" | uniq -d)
    [[ -z "$dups" ]] || fail "paths listed more than once by trydeb diff:"$'\n'"$dups"$'\n'"--- whole output:"$'\n'"$text"
    if grep -q '^Suspicious:' <<<"$text"; then
        # the block follows a blank line
        [[ -z "$(grep -B1 '^Suspicious:' <<<"$text" | sed -n 1p)" ]] ||
            fail "no blank line before 'Suspicious:':"$'\n'"$text"
        susp=$(diff_suspicious "$text")
        bad=$(awk -F'\t' '$1 == "?" { print $2 }' <<<"$susp")
        [[ -z "$bad" ]] || fail "lines of the Suspicious block not of the form '  PATH: REASON':"$'\n'"$bad"$'\n'"--- whole output:"$'\n'"$text"
        [[ -n "$susp" ]] || fail "an empty Suspicious block:"$'\n'"$text"
        local all
        all=$(diff_paths "$text")
        while IFS=$'\t' read -r path _; do
            grep -qxF -- "$path" <<<"$all" || fail "suspicious path $path is not among the change lines:"$'\n'"$text"
        done <<<"$susp"
    fi
}

# diff_line_for TEXT PATH: the change line(s) for PATH as KIND<TAB>PATH<TAB>ATTRIBUTION.
diff_line_for() {
    diff_changes "$1" | awk -F'\t' -v p="$2" '$2 == p'
}

# assert_diff_has TEXT KIND PATH ATTRIBUTION [MSG]: the change line "KIND PATH (ATTRIBUTION)".
assert_diff_has() {
    local text=$1 kind=$2 path=$3 attr=$4 got
    got=$(diff_line_for "$text" "$path")
    if [[ "$got" != "$kind"$'\t'"$path"$'\t'"$attr" ]]; then
        got=${got//$'\t'/  }
        fail "${5:-trydeb diff does not list '$kind  $path  ($attr)'}"$'\n'"  the line for $path: ${got:-(none)}"$'\n'"--- whole output:"$'\n'"$text"$'\n'"---"
    fi
}

# assert_diff_lacks TEXT PATH [MSG]: no change line for PATH.
assert_diff_lacks() {
    local got
    got=$(diff_line_for "$1" "$2")
    [[ -z "$got" ]] || fail "${3:-trydeb diff lists $2, which should not be a change}: $got"$'\n'"--- whole output:"$'\n'"$1"$'\n'"---"
}

# assert_suspicious TEXT PATH REASON [MSG]: the Suspicious block has "  PATH: REASON".
assert_suspicious() {
    local text=$1 path=$2 reason=$3 got
    got=$(diff_suspicious "$text" | awk -F'\t' -v p="$path" '$1 == p { print $2 }')
    if [[ "$got" != "$reason" ]]; then
        fail "${4:-trydeb diff does not flag $path as suspicious with '$reason'}"$'\n'"  its reason: ${got:-(not flagged)}"$'\n'"--- whole output:"$'\n'"$text"$'\n'"---"
    fi
}

# assert_not_suspicious TEXT PATH [MSG]
assert_not_suspicious() {
    local got
    got=$(diff_suspicious "$1" | awk -F'\t' -v p="$2" '$1 == p { print $2 }')
    [[ -z "$got" ]] || fail "${3:-trydeb diff flags $2 as suspicious ($got)}"$'\n'"--- whole output:"$'\n'"$1"$'\n'"---"
}

# diff_json_rows FILE: `trydeb diff --json` output as one line per object:
#   path<TAB>kind<TAB>source<TAB>package<TAB>version<TAB>transaction<TAB>suspicious
# (JSON null as "null"). Fails when FILE is not an array of objects that have all seven keys.
diff_json_rows() {
    local file=$1 tool rows
    tool=$(json_tool)
    [[ $tool != none ]] || skip "neither jq nor /usr/bin/python3 is installed to read JSON"
    if [[ $tool == jq ]]; then
        rows=$(jq -r 'if type != "array" then error("not a JSON array") else .[] end
            | if type != "object" then error("an element is not an object") else . end
            | . as $o
            | ["path", "kind", "source", "package", "version", "transaction", "suspicious"]
            | map(. as $k | if ($o | has($k)) then ($o[$k] | if . == null then "null" else tostring end)
                  else error("an object has no key \"" + $k + "\": " + ($o | tostring)) end)
            | @tsv' "$file" 2>&1) || fail "trydeb diff --json: $rows"$'\n'"--- output:"$'\n'"$(cat "$file")"
    else
        rows=$(/usr/bin/python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list), "not a JSON array"
keys = ["path", "kind", "source", "package", "version", "transaction", "suspicious"]
for o in doc:
    assert isinstance(o, dict), "an element is not an object"
    missing = [k for k in keys if k not in o]
    assert not missing, "an object has no key %s: %s" % (missing, o)
    print("\t".join("null" if o[k] is None else str(o[k]) for k in keys))' "$file" 2>&1) ||
            fail "trydeb diff --json: $rows"$'\n'"--- output:"$'\n'"$(cat "$file")"
    fi
    printf '%s\n' "$rows" | awk 'NF'
}

# tx_of NAME: the transaction that installed NAME, from `trydeb list --json`.
tx_of() {
    local name=$1 tool tx
    tool=$(json_tool)
    [[ $tool != none ]] || skip "neither jq nor /usr/bin/python3 is installed to read JSON"
    "$TRYDEB" list --json >"$TEST_TMP/.list-for-tx.json" || fail "trydeb list --json failed"
    if [[ $tool == jq ]]; then
        tx=$(jq -r --arg n "$name" '.[] | select(.name == $n) | .transaction' "$TEST_TMP/.list-for-tx.json")
    else
        tx=$(/usr/bin/python3 -c '
import json, sys
for o in json.load(open(sys.argv[1])):
    if o.get("name") == sys.argv[2]:
        print(o.get("transaction"))' "$TEST_TMP/.list-for-tx.json" "$name")
    fi
    [[ "$tx" =~ ^[0-9]+$ ]] || fail "no transaction number for $name in trydeb list --json: '$tx'"$'\n'"$(cat "$TEST_TMP/.list-for-tx.json")"
    printf '%s\n' "$tx"
}

# The runtime-layer trick: a package whose postinst creates a world-writable (sticky)
# directory, where programs run as the user can write outside home.
RT_DIR=/var/lib/trydeb-rt
# shellcheck disable=SC2034 # used by the tests
RT_POSTINST="mkdir -p $RT_DIR && chmod 1777 $RT_DIR"

# ---------------------------------------------------------------- the real home

# real_home: the test user's home directory from the password database.
real_home() {
    getent passwd "$(id -un)" | cut -d: -f6
}

# home_snapshot FILE TOKEN / assert_home_unchanged FILE TOKEN [MSG]: like snapshot and
# assert_unchanged on the real home, but ignoring top-level entries named *trydeb-itest-*
# that do not contain TOKEN: the scratch files of other tests (or of another run of the
# suite by the same user) that come and go while this test runs. Name the test's own files
# in the home with TOKEN so that they are compared.
_itest_home_filter() {
    awk -F'\t' -v tok="$1" '{ top = $1; sub(/\/.*/, "", top)
        if (top ~ /trydeb-itest-/ && index(top, tok) == 0) next; print }'
}
home_snapshot() {
    tree_listing "$(real_home)" | _itest_home_filter "$2" >"$1"
}
assert_home_unchanged() {
    local before=$1 after
    after="$before.after.$RANDOM"
    tree_listing "$(real_home)" | _itest_home_filter "$2" >"$after"
    if ! cmp -s "$before" "$after"; then
        fail "${3:-the real home $(real_home) changed}:"$'\n'"$(diff -u "$before" "$after" | head -n 60)"
    fi
}

# ---------------------------------------------------------------- processes

# marked_pids MARKER: pids of the processes whose command line contains MARKER (make it
# unique to the test); this shell and its subshells are never listed.
marked_pids() {
    local p c
    for p in /proc/[0-9]*; do
        [[ ${p#/proc/} == "$$" || ${p#/proc/} == "$BASHPID" ]] && continue
        c=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
        [[ "$c" == *"$1"* ]] && printf '%s\n' "${p#/proc/}"
    done
    return 0
}

# describe_pids PID...: "pid: command line" per process (for failure messages).
describe_pids() {
    local p
    for p in "$@"; do
        printf '  %s: %s\n' "$p" "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
    done
}

# kill_marked MARKER: SIGKILL (by pid) the user's processes whose command line contains MARKER.
kill_marked() {
    local p
    for p in $(marked_pids "$1"); do
        kill -KILL "$p" 2>/dev/null || true
    done
}

# Background processes a test starts; killed (by pid) when the test ends.
_ITEST_BG_PIDS=()
track_pid() { _ITEST_BG_PIDS+=("$1"); }
_itest_cleanup() {
    local p
    for p in "${_ITEST_BG_PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    local f
    for f in "${_ITEST_CLEANUP[@]}"; do
        eval "$f" || true
    done
}
_ITEST_CLEANUP=()
# on_exit 'SHELL CODE': run at the end of the test, pass or fail (in order of registration).
on_exit() { _ITEST_CLEANUP+=("$1"); }
if [[ -n "${TEST_TMP:-}" ]]; then # sourced by a test (the runner sources it for rm_tree only)
    trap _itest_cleanup EXIT
    cd "$TEST_TMP" || exit 1
fi

# ---------------------------------------------------------------- desktop programs (tests 70 and up)

# artifact_path FILE: a path under $ITEST_ARTIFACTS/$TEST_NAME for something people should be
# able to look at after the run (a screenshot); the runner keeps it and prints the directory.
artifact_path() {
    local dir="${ITEST_ARTIFACTS:-$TEST_TMP/artifacts}/$TEST_NAME"
    mkdir -p "$dir"
    printf '%s/%s\n' "$dir" "$1"
}

# fixture_chain PACKAGE: set CHAIN to the .debs (fetched like fixture_deb) of PACKAGE and of
# the dependencies the host lacks, in the order apt would configure them. apt-get -s plans
# against the host's dpkg status as this user, changing nothing. trydeb installs one package
# per transaction and needs its dependencies installed first, which that order gives.
# Skips the test when apt cannot plan (no lists) or when the host has PACKAGE itself (trydeb
# cannot install over a host package).
CHAIN=()
fixture_chain() {
    local pkg=$1 plan name
    if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
        skip "the host has $pkg installed; this test installs it with trydeb"
    fi
    plan=$(apt-get -s -o Debug::NoLocking=1 install --no-install-recommends "$pkg" 2>&1) ||
        skip "apt-get cannot plan the installation of $pkg (run apt-get update as root): $(tail -n 1 <<<"$plan")"
    CHAIN=()
    while read -r name; do
        fixture_deb "${name%%:*}"
        CHAIN+=("$FIXTURE")
    done < <(awk '$1 == "Conf" { print $2 }' <<<"$plan")
    ((${#CHAIN[@]} > 0)) || fail "apt-get -s plans nothing for $pkg:"$'\n'"$plan"
    note "$pkg and the dependencies the host lacks: $(printf '%s ' "${CHAIN[@]##*/}")"
}

# install_chain: trydeb install every .deb of CHAIN, in order.
install_chain() {
    local deb
    for deb in "${CHAIN[@]}"; do
        assert_exit 0 td install "$deb"
    done
}

# start_xvfb [XVFB-ARGS...]: start Xvfb on a display it picks itself (-displayfd), export
# DISPLAY, and stop it when the test ends. Skips when Xvfb is not installed.
start_xvfb() {
    command -v Xvfb >/dev/null || skip "Xvfb is not installed (package xvfb; scripts/setup-machine installs it)"
    local fdfile="$TEST_TMP/.xvfb-display" i
    Xvfb -displayfd 8 -screen 0 800x600x24 -nolisten tcp -br "$@" 8>"$fdfile" >"$TEST_TMP/xvfb.log" 2>&1 &
    track_pid $!
    for ((i = 0; i < 300; i++)); do
        [[ -s "$fdfile" ]] && break
        kill -0 $! 2>/dev/null || fail "Xvfb exited:"$'\n'"$(cat "$TEST_TMP/xvfb.log")"
        sleep 0.1
    done
    [[ -s "$fdfile" ]] || fail "Xvfb did not announce its display:"$'\n'"$(cat "$TEST_TMP/xvfb.log")"
    DISPLAY=":$(tr -dc '0-9' <"$fdfile")"
    export DISPLAY
    note "Xvfb on $DISPLAY"
}

# wait_for_window NAME: the id of the top-level window named NAME (xwininfo -root -tree),
# once it appears; fails after a minute (a program starting, not a timing assertion).
wait_for_window() {
    local name=$1 i id
    for ((i = 0; i < 600; i++)); do
        id=$(xwininfo -root -tree 2>/dev/null | awk -v n="\"$name\":" '$2 == n { print $1; exit }')
        if [[ -n "$id" ]]; then
            printf '%s\n' "$id"
            return 0
        fi
        sleep 0.1
    done
    fail "no window named '$name' appeared on $DISPLAY:"$'\n'"$(xwininfo -root -tree 2>&1 | head -n 40)"
}

# screenshot NAME: save the whole X screen as NAME.png among the test's artifacts, check
# that it is not one flat colour, and print its path.
screenshot() {
    local png
    png=$(artifact_path "$1.png")
    import -display "$DISPLAY" -window root "$png" || fail "import could not take a screenshot of $DISPLAY"
    local deviation
    deviation=$(identify -format '%[fx:standard_deviation]' "$png")
    note "screenshot: $png (standard deviation of its pixels: $deviation)" >&2
    awk -v d="$deviation" 'BEGIN { exit !(d > 0) }' || fail "the screenshot $png is one flat colour: nothing was drawn"
    printf '%s\n' "$png"
}

# start_session_bus [--address ADDRESS]: a D-Bus session bus of this test (dbus-daemon), as
# DBUS_SESSION_BUS_ADDRESS; stopped when the test ends.
start_session_bus() {
    command -v dbus-daemon >/dev/null || skip "dbus-daemon is not installed (package dbus-daemon)"
    local out
    out=$(dbus-daemon --session --fork --print-address=1 --print-pid=1 "$@") || fail "dbus-daemon did not start"
    DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p <<<"$out")
    export DBUS_SESSION_BUS_ADDRESS
    track_pid "$(sed -n 2p <<<"$out")"
    note "session bus: $DBUS_SESSION_BUS_ADDRESS"
}
