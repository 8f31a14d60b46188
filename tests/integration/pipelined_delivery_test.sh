# `run --once` sends with `batch.jobs_in_flight` senders (docs/architecture.md, Sending a batch):
# against the sandbox's model of the platform, where each job runs 2 s, the next jobs are created
# and uploaded while the first one still runs — one sender at a time would create the second job
# only after the first completed — and every indicator arrives, each batch in one job.
source "$(dirname "$0")/lib.sh"
# 50 indicators a job at 25 a second: 2 s each; four may run at once.
start_sandbox server --job-rate 25 --max-running-jobs 4
hosts_feed "$WORK/hosts.txt" 200 pipelined.example
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host"
printf 'batch:\n  max_indicators: 50\n  jobs_in_flight: 4\n' >>"$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code ($(tail -3 "$WORK/run.log"))"
expect_contains "$(cat "$WORK/run.log")" "200 delivered, 0 rejected by the platform, 0 undelivered in 4 jobs" "run log"

# The arrival times (ms) of the job creations: all four within the first job's 2 s.
creations=$(sandbox_get /_sandbox/stats | grep -o '"t_ms":[0-9]*,"method":"POST","path":"/api/v2/batch"' |
  grep -o '"t_ms":[0-9]*' | grep -o '[0-9]*')
expect_eq "$(wc -l <<<"$creations")" 4 "jobs created (one per batch)"
first=$(head -1 <<<"$creations")
last=$(tail -1 <<<"$creations")
(( last - first < 1500 )) || fail "the jobs were created one after another (${first} ms to ${last} ms), not while the first ran"
echo "PASS (4 jobs created within $((last - first)) ms)"
