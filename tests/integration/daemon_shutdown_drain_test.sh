# SIGTERM with jobs in flight (README, "SIGTERM or SIGINT"; issue 13, hostile input 6): batches
# whose jobs are uploaded but not yet complete are polled to completion and recorded before the
# daemon exits, within shutdown_grace; no new batch is taken after the signal. When a job would
# outlast the grace the daemon does not wait for it: it exits at once with the job recorded, and
# the next start polls that job (no second job) and finishes it.
source "$(dirname "$0")/lib.sh"
# The platform modelled: a job of 3 indicators runs 3 s, two at once. The daemon's polls adapt to
# what jobs took, so only the job's own length decides whether it can finish within the grace.
start_sandbox server --job-rate 1 --max-running-jobs 2
hosts_feed "$WORK/hosts.txt" 6 drain.example
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host" "    schedule: { every: 1h }"
settings() {  # POLL_INTERVAL GRACE
  printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: %s\nbatch:\n  max_indicators: 3\n  jobs_in_flight: 2\n  poll_interval: %s\n' "$2" "$1"
}
uploads() { grep -cE "^POST /api/v2/batch/[0-9]+ 202" "$WORK/sandbox.log" || true; }
jobs_created() { grep -cE "^POST /api/v2/batch 201" "$WORK/sandbox.log" || true; }
outbox_batches() {  # batches left in the outbox for the owner (0 when none)
  "$TCFEED" state --config "$1" show --json | grep -o '"batches":[0-9]*' | cut -d: -f2 | awk '{s += $1} END {print s + 0}'
}

# --- Enough grace: each job completes 3 s after its upload.
{ cat "$WORK/tcfeed.yaml"; settings 300ms 20s; } >"$WORK/a.yaml"
start_daemon "$WORK/a.yaml" "$WORK/a.log"
wait_for 20 "two uploads" bash -c "(( \$(grep -cE '^POST /api/v2/batch/[0-9]+ 202' '$WORK/sandbox.log') >= 2 ))"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
log=$(cat "$WORK/a.log")
expect_contains "$log" "2 batches being delivered may finish within shutdown_grace (20 s)" "daemon log"
delivered=$(grep -c "owner '$OWNER': batch delivered: 3 stored" <<<"$log" || true)
expect_eq "$delivered" 2 "batches delivered after the SIGTERM"
# In that order: the signal, both results recorded, then "stopped".
sed -n '/SIGTERM received/,$p' <<<"$log" | grep -q "batch delivered" || fail "no delivery after the SIGTERM: $log"
[[ $(tail -n 1 <<<"$log") == *" info stopped" ]] || fail "'stopped' is not the last line: $log"
expect_not_contains "$log" "abandoned" "daemon log"
expect_eq "$(outbox_batches "$WORK/a.yaml")" 0 "batches left in the outbox"
expect_eq "$(jobs_created)" 2 "jobs created"

# --- Too little grace: the jobs need 3 s, the grace is 1 s.
rm -f "$WORK/state.db"*
hosts_feed "$WORK/hosts.txt" 6 short.example
{ cat "$WORK/tcfeed.yaml"; settings 5s 1s; } >"$WORK/b.yaml"
start_daemon "$WORK/b.yaml" "$WORK/b.log"
wait_for 20 "two more uploads" bash -c "(( \$(grep -cE '^POST /api/v2/batch/[0-9]+ 202' '$WORK/sandbox.log') >= 4 ))"
before=$(date +%s%N)
stop_daemon
waited_ms=$(( ($(date +%s%N) - before) / 1000000 ))
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
(( waited_ms < 3000 )) || fail "SIGTERM took $waited_ms ms with shutdown_grace 1s: $(cat "$WORK/b.log")"
expect_eq "$(outbox_batches "$WORK/b.yaml")" 2 "batches kept with their jobs"
# The next start polls the recorded jobs: everything delivered, no new job.
{ cat "$WORK/tcfeed.yaml"; settings 100ms 20s; } >"$WORK/c.yaml"
start_daemon "$WORK/c.yaml" "$WORK/c.log"
wait_for 30 "the recorded jobs finished" bash -c "(( \$(grep -c 'batch delivered: 3 stored' '$WORK/c.log') >= 2 ))"
stop_daemon
expect_eq "$(outbox_batches "$WORK/c.yaml")" 0 "batches left after the restart"
expect_eq "$(jobs_created)" 4 "jobs created in all (the restart made none)"
echo "PASS (SIGTERM with too little grace: ${waited_ms} ms)"
