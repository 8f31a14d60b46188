# Crash safety (docs/architecture.md, Crash points; issue 5): `tcfeed run --once` aborted at each
# step of delivery through TCFEED_TEST_CRASH_AT, then run again: every indicator of the feed reaches
# the sandbox, no job is created twice (a recorded job is polled, not re-sent), the cursor equals a
# clean run's, and the outbox ends empty.
source "$(dirname "$0")/lib.sh"
require_test_hooks
start_sandbox

points=(after_fetch after_outbox_commit after_job_created mid_upload while_polling after_completion)
jobs_created() { sandbox_get /_sandbox/stats | grep -o '"method":"POST","path":"/api/v2/batch"' | wc -l; }
held() {  # how many of the sandbox's Host indicators end in SUFFIX
  "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json --limit 100000 |
    grep -o "\"summary\":\"[^\"]*\.$1\"" | wc -l
}
config_for() {  # FEED STATE
  write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$1" \
    "    indicator_type: Host"
  sed -i "s|path: $WORK/state.db|path: $2|" "$WORK/tcfeed.yaml"
  # One sender: with several, an abort in one may catch another between creating its job and
  # committing the id, leaving an empty job on the platform (harmless, never uploaded) that would
  # make the count of created jobs below vary.
  printf 'batch:\n  max_indicators: 10\n  jobs_in_flight: 1\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
}
cursor_of() { "$TCFEED" state --config "$WORK/tcfeed.yaml" show --json | grep -o '"cursors":\[[^]]*\]'; }

for point in "${points[@]}"; do
  suffix="${point//_/-}.example"
  hosts_feed "$WORK/$point.txt" 30 "$suffix"

  config_for "$WORK/$point.txt" "$WORK/$point.db"

  curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
  set +e
  TCFEED_TEST_CRASH_AT=$point "$TCFEED" run --once --config "$WORK/tcfeed.yaml" 2>"$WORK/$point-crash.log"
  code=$?
  set -e
  (( code != 0 )) || fail "$point: the run did not abort"
  expect_contains "$(cat "$WORK/$point-crash.log")" "TCFEED_TEST_CRASH_AT=$point: aborting here" "$point crash log"

  run_tcfeed "$WORK/$point-again.log" run --once --config "$WORK/tcfeed.yaml"
  expect_eq "$CODE" 0 "$point: exit code of the run after the crash ($(tail -5 "$WORK/$point-again.log"))"
  expect_eq "$(held "$suffix")" 30 "$point: indicators at the sandbox"
  expect_eq "$(jobs_created)" 3 "$point: jobs created in all (30 indicators, 10 a job)"
  show=$("$TCFEED" state --config "$WORK/tcfeed.yaml" show --json)
  expect_contains "$show" '"outbox":[]' "$point: outbox after recovery"
  after=$(cursor_of)
  expect_contains "$after" '"connector":"hosts"' "$point: cursor after recovery"
  # Against a clean run of the same feed into a fresh state file.
  config_for "$WORK/$point.txt" "$WORK/$point-reference.db"
  run_tcfeed "$WORK/$point-reference.log" run --once --config "$WORK/tcfeed.yaml"
  expect_eq "$(cursor_of)" "$after" "$point: cursor equals a clean run's"
  echo "ok $point"
done
echo "PASS (${#points[@]} crash points)"
