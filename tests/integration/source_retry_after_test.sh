# A source that answers 429 with Retry-After (docs/feeds.md, Shared rules; issue 5): the daemon's next poll
# of that connector waits at least that long — longer than its schedule and its failure backoff
# would — says so in the log and shows the next run on the status page, while another connector
# keeps polling every second. Then the same for abuse.ch's rate-limit answer, HTTP 402 without
# Retry-After: the connector waits its regular interval, not the short failure backoff.
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0 --fault kind=rate_limit,retry_after=6,count=1,path=/files/limited.txt
hosts_feed "$WORK/feeds/limited.txt" 3 limited.example
hosts_feed "$WORK/feeds/steady.txt" 3 steady.example
feed() {  # NAME FILE EVERY
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/$2" \
    "    indicator_type: Host" "    schedule: { every: $3, jitter: 0% }"
}
write_config "$WORK/tcfeed.yaml" "$(feed limited limited.txt 1s)" "$(feed steady steady.txt 1s)"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 2s\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"

# The arrival times (ms since the sandbox started) of the requests for one file, one a line.
arrivals() { sandbox_get /_sandbox/stats | grep -o "\"t_ms\":[0-9]*,\"method\":\"GET\",\"path\":\"/files/$1\"" | grep -o '[0-9]*' | head -n "${2:-100}"; }
requests() { arrivals "$1" | wc -l; }

start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 20 "the 429" grep -q "GET /files/limited.txt 429" "$WORK/sandbox.log"
wait_for 20 "the wait announced" grep -q "connector limited: the source asked to wait (Retry-After); next poll in 6 s" "$WORK/daemon.log"
expect_contains "$(cat "$WORK/daemon.log")" "HTTP 429 — too many requests; it asks to wait 6 s (Retry-After)" "daemon log"
# The status page shows when the connector polls next: about 6 s after its last run.
page=$(status_get /)
row=$(grep -o '<tr class="connector"><td><strong>limited</strong>.*' <<<"$page" | head -1)
expect_contains "$row" "backing off" "status row of the limited connector"
times=($(grep -o 'datetime="[^"]*"' <<<"$row" | cut -d'"' -f2))
(( ${#times[@]} >= 2 )) || fail "no last and next run in the status row: $row"
gap=$(( $(date -d "${times[1]}" +%s) - $(date -d "${times[0]}" +%s) ))
(( gap >= 5 && gap <= 12 )) || fail "next run ${times[1]} is not about 6 s after the last ${times[0]}"

wait_for 30 "the second poll of the limited connector" bash -c "(( \$(grep -c 'GET /files/limited.txt' '$WORK/sandbox.log') >= 2 ))"
first=$(arrivals limited.txt 1)
second=$(arrivals limited.txt 2 | tail -1)
(( second - first >= 6000 )) || fail "the limited connector polled again after $((second - first)) ms, before Retry-After (6 s)"
(( second - first < 12000 )) || fail "the limited connector waited $((second - first)) ms, far longer than asked"
# Meanwhile the other connector kept its one-second schedule.
steady_between=$(arrivals steady.txt | awk -v a="$first" -v b="$second" '$1 > a && $1 < b' | wc -l)
(( steady_between >= 4 )) || fail "the steady connector polled only $steady_between times during the wait"
wait_for 20 "delivery of both feeds" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 6'"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"

# --- abuse.ch's rate limit: HTTP 402, no Retry-After. The failure backoff would retry after 30 s;
# a rate limit waits the connector's whole interval (here 2 minutes) instead: read off the status
# page, no need to wait it out.
rm -f "$WORK/state.db"*
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"status","status":402,"count":1,"path":"/files/limited.txt"}' >/dev/null
write_config "$WORK/tcfeed.yaml" "$(feed limited limited.txt 2m)"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 2s\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon2.log"
wait_for 20 "the slow-down announced" grep -q "connector limited: the source asked to slow down (rate limited); next poll in 120 s" "$WORK/daemon2.log"
expect_contains "$(cat "$WORK/daemon2.log")" "HTTP 402 — rate limited by the source" "daemon log"
row=$(status_get / | grep -o '<tr class="connector"><td><strong>limited</strong>.*' | head -1)
times=($(grep -o 'datetime="[^"]*"' <<<"$row" | cut -d'"' -f2))
(( ${#times[@]} >= 2 )) || fail "no last and next run in the status row: $row"
gap=$(( $(date -d "${times[1]}" +%s) - $(date -d "${times[0]}" +%s) ))
(( gap >= 118 && gap <= 130 )) || fail "after a 402 the next run ${times[1]} is not 2 minutes after the last ${times[0]}"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo "PASS"
