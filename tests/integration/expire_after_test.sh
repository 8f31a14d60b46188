# Incremental feeds (docs/architecture.md, Full lists and expiry): an indicator the source has not mentioned for
# expire_after reaches the platform deactivated (active:false), one still mentioned does not move,
# a re-mention sends it active again, and a source that answers 304 still expires what time aged
# out; a crash before the run's commit loses or doubles nothing. A real incremental csv feed over
# HTTPS from the sandbox, the real state file, real time.
source "$(dirname "$0")/lib.sh"
require_test_hooks  # the crash before the run's commit
start_sandbox server --running-polls 0
read_host() { "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value "$1" --json 2>/dev/null || true; }
feed=$WORK/feeds/incremental.csv
write_config "$WORK/tcfeed.yaml" "  - name: incremental" "    type: csv" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/files/incremental.csv" "    value: host" "    indicator_type: Host" \
  "    mode: incremental" "    id_column: id" "    expire_after: 3s"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
run_once() {  # LOG
  run_tcfeed "$WORK/$1" run --once --config "$WORK/tcfeed.yaml"
  expect_eq "$CODE" 0 "exit code ($(tail -5 "$WORK/$1"))"
}

# The first poll mentions A and B.
printf 'id,host\n1,a.expire.example\n2,b.expire.example\n' >"$feed"
run_once run1.log
expect_contains "$(read_host a.expire.example)" '"active":true' "A after the first poll"
expect_contains "$(read_host b.expire.example)" '"active":true' "B after the first poll"

# After the window, a poll mentions only B (a new record about it): A expires, B is mentioned
# again but unchanged, so nothing is sent for it. Mentions are stamped in whole seconds, so the
# wait is the window plus more than a second.
sleep 4.2
echo '3,b.expire.example' >>"$feed"
# A crash with the deactivation staged but not committed leaves no trace of it: the next run
# finds A expired again and sends it once.
set +e
TCFEED_TEST_CRASH_AT=before_run_commit "$TCFEED" run --once --config "$WORK/tcfeed.yaml" 2>"$WORK/crash.log"
crashed=$?
set -e
(( crashed != 0 )) || fail "the run did not stop at the crash point: $(cat "$WORK/crash.log")"
expect_contains "$(read_host a.expire.example)" '"active":true' "A after a crash before the commit"
run_once run2.log
log=$(cat "$WORK/run2.log")
expect_contains "$log" "1 entry not mentioned by the source for expire_after (3 s); deactivating them" "run 2 log"
expect_contains "$log" "0 indicators, 0 rejected, 0 dropped, 0 duplicates, 1 unchanged, 1 expired" "run 2 counters"
expect_contains "$log" "owner '$OWNER': 1 delivered" "run 2 delivery"
expect_contains "$(read_host a.expire.example)" '"active":false' "A once not mentioned for expire_after"
expect_contains "$(read_host b.expire.example)" '"active":true' "B, still mentioned"

# A is mentioned again: it is sent, active, at once (B, mentioned too, is unchanged).
printf '4,a.expire.example\n5,b.expire.example\n' >>"$feed"
run_once run3.log
expect_contains "$(cat "$WORK/run3.log")" "1 indicator, 0 rejected, 0 dropped, 0 duplicates, 1 unchanged, 0 expired" "run 3 counters"
expect_contains "$(read_host a.expire.example)" '"active":true' "A re-mentioned"

# The source has nothing new (304), but time passes: both expire.
sleep 4.2
run_once run4.log
log=$(cat "$WORK/run4.log")
expect_contains "$log" "source not modified since the last run; 2 entries expired" "run 4 log"
expect_contains "$(read_host a.expire.example)" '"active":false' "A after a 304 past the window"
expect_contains "$(read_host b.expire.example)" '"active":false' "B after a 304 past the window"
expect_eq "$(grep -c 'GET /files/incremental.csv 304' "$WORK/sandbox.log")" 1 "304 answers"
echo "PASS"
