#!/bin/bash
# Installs of a real medium package (ncurses-term, ~2,900 paths) interrupted at spread
# moments by SIGINT to the process group (Ctrl-C), SIGTERM and SIGKILL. After each: a package
# that `list` shows has its files inside, one it does not show has none, no process of the
# install is left, and the next command works. A SIGINT or SIGTERM prints one line.
. "$ITEST_DIR/lib.sh"

fixture_deb ncurses-term
deb=$FIXTURE
probe_file=/usr/share/terminfo/z/ztx
[[ -e $probe_file ]] && skip "the host has $probe_file (ncurses-term installed)"
set -m # each install its own process group, with SIGINT not ignored, as from a terminal

# how long an uninterrupted install takes (the second: the first also warms caches), to
# spread the signals over it
assert_exit 0 td --env k install "$deb"
assert_exit 0 td --env k reset
start=$(date +%s%N)
assert_exit 0 td --env k install "$deb"
full_ms=$((($(date +%s%N) - start) / 1000000))
note "an uninterrupted install takes $full_ms ms"

check_consistent() {
    local what=$1
    run_cmd td --env k list
    if [[ $RC == 2 && $ERR == "trydeb: there is no environment 'k'"* ]]; then
        # interrupted before the environment was created: nothing of it may be left either
        [[ -z "$(ls -A "$(envs_dir)/k/layers" 2>/dev/null)" ]] ||
            fail "$what: layers of an environment that does not exist: $(ls -A "$(envs_dir)/k/layers")"
    else
        assert_eq 0 "$RC" "$what: td --env k list: $ERR"
        local listed=0
        grep -q '^ncurses-term ' <<<"$OUT" && listed=1
        run_cmd td --env k run --exec sh -- -c "test -e $probe_file && echo 1 || echo 0"
        assert_eq "$listed" "$OUT" "$what: the package's files inside (1) against what list says ($listed)"
    fi
    # after a SIGKILL the kernel ends the sandbox's processes a moment later; only this run's
    # trydeb (its staged directory) and the dpkg of this test's fixture count
    local left='' _ dist
    dist=$(dirname "$(dirname "$TRYDEB")")
    for _ in $(seq 1 20); do
        left=$(ps -u "$(id -u)" -o pid=,stat=,args= | awk '$2 !~ /^Z/' | grep -F -e "$dist/lib" -e "$(basename "$deb")" |
            grep -v -e ' ps ' -e 'grep ' || true)
        [[ -z "$left" ]] && break
        sleep 0.1
    done
    [[ -z "$left" ]] || fail "$what: processes left:"$'\n'"$left"
}

signals=(INT TERM KILL)
rounds=${ITEST_INTERRUPT_ROUNDS:-21}
for ((i = 0; i < rounds; i++)); do
    sig=${signals[$((i % 3))]}
    delay_ms=$((full_ms * (i + 1) / rounds))
    run_cmd td --env k reset # the first round has no environment yet
    "$TRYDEB" --env k install "$deb" >"$TEST_TMP/install.out" 2>"$TEST_TMP/install.err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill "-$sig" -- "-$pid" 2>/dev/null || true
    rc=0
    wait "$pid" || rc=$?
    what="round $i: SIG$sig after $delay_ms ms (exit $rc)"
    note "$what: $(tail -n 1 "$TEST_TMP/install.err")"
    assert_no_stacktrace "$(cat "$TEST_TMP/install.err")"
    if [[ $sig != KILL && $rc != 0 ]]; then
        # dpkg's lines may come first; trydeb's own word is one line, the last (or nothing at
        # all when the signal came before trydeb had started its work)
        ours=$(grep '^trydeb:' "$TEST_TMP/install.err" || true)
        if [[ -n "$ours" ]]; then
            assert_eq "trydeb: cancelled; environment 'k' is unchanged" "$ours" "$what: trydeb's lines"
            assert_eq "$ours" "$(tail -n 1 "$TEST_TMP/install.err")" "$what: the last line"
        fi
    fi
    check_consistent "$what"
done

# the environment still takes an install, and runs what it installed
assert_exit 0 td --env k install "$deb"
check_consistent "after the interrupted rounds"
assert_exit 0 td --env k run --exec sh -- -c "test -e $probe_file"
