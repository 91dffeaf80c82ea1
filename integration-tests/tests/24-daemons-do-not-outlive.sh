#!/bin/bash
# Background daemons (setsid, nohup, double fork, ignoring SIGHUP and SIGTERM) started by a
# postinst or by a program do not outlive the sandbox: none is left once trydeb returns.
. "$ITEST_DIR/lib.sh"

m_inst="trydeb-itest-daemon-inst-$$-$RANDOM"
m_run="trydeb-itest-daemon-run-$$-$RANDOM"
on_exit "kill_marked '$m_inst'; kill_marked '$m_run'"

# daemons MARKER: sh code starting three daemons whose command lines contain MARKER, then
# printing how many of them run (pgrep inside the sandbox)
daemons() {
    local m=$1
    cat <<EOF
trap '' HUP TERM
setsid sh -c 'trap "" HUP TERM; while :; do sleep 1; done' $m-setsid </dev/null >/dev/null 2>&1 &
nohup sh -c 'trap "" HUP TERM; while :; do sleep 1; done' $m-nohup </dev/null >/dev/null 2>&1 &
( setsid sh -c 'trap "" HUP TERM; while :; do sleep 1; done' $m-double </dev/null >/dev/null 2>&1 & )
sleep 1
n=\$(pgrep -c -f '$m-' 2>/dev/null || true)
EOF
}

# no_survivors MARKER WHAT: fail when a process with MARKER exists now (and say whether it
# goes away within 3s)
no_survivors() {
    local pids later i
    pids=$(marked_pids "$1")
    [[ -z "$pids" ]] && return 0
    local desc
    # shellcheck disable=SC2086
    desc=$(describe_pids $pids)
    for i in $(seq 1 15); do
        later=$(marked_pids "$1")
        [[ -z "$later" ]] && break
        sleep 0.2
    done
    if [[ -n "$later" ]]; then
        fail "$2: processes started inside still run on the host after trydeb returned (and 3s later):"$'\n'"$desc"
    fi
    fail "$2: processes started inside still ran on the host when trydeb returned (gone within 3s):"$'\n'"$desc"
}

# ------------------------------------------------------------------ a postinst
deb=$(make_pkg trydeb-daemon 1.0 --file /usr/share/trydeb-daemon/README "daemon" \
    --postinst "set +e
$(daemons "$m_inst")
mkdir -p /var/lib/trydeb-daemon
echo \"\$n\" > /var/lib/trydeb-daemon/running
exit 0")
run_cmd timeout 120 "$TRYDEB" install "$deb"
((RC != 124)) || fail "the install of a package whose postinst starts daemons did not finish within 120s"
((RC == 0)) || fail "install exited $RC:"$'\n'"$OUT"$'\n'"$ERR"
no_survivors "$m_inst" "install"
assert_exit 0 td run --exec cat -- /var/lib/trydeb-daemon/running
note "daemons the postinst saw running: '$OUT'"
[[ "$OUT" == "" || "$OUT" -ge 3 ]] || note "the postinst saw only '$OUT' of its 3 daemons running (pgrep)"

# ------------------------------------------------------------------ a program
run_cmd timeout 120 "$TRYDEB" run --exec sh -- -c "$(daemons "$m_run")"'
echo "running: $n"
exit 0'
((RC != 124)) || fail "trydeb run of a program that starts daemons did not return within 120s"
assert_eq 0 "$RC" "exit status of the program that started daemons"
note "$OUT"
no_survivors "$m_run" "run"
if [[ "$OUT" == "running: "* && "${OUT#running: }" != "" ]]; then
    ((${OUT#running: } >= 3)) || fail "the program's daemons did not all start inside (pgrep counted ${OUT#running: }): the test proves nothing"
fi
# and the environment is not left busy
assert_exit 0 td reset
