# The daemon under trouble (issue 5): ThreatConnect down at start and back later — nothing lost,
# backoff announced, /readyz says so meanwhile; a source that hangs does not delay another
# connector's polls; SIGKILL at random moments loses nothing.
source "$(dirname "$0")/lib.sh"

# --- ThreatConnect unreachable at start, then back on the same port
start_sandbox
port=$SANDBOX_PORT
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=""
hosts_feed "$WORK/hosts.txt" 20 outage.example
write_config "$WORK/tcfeed.yaml" \
  "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" "    indicator_type: Host"
printf 'http:\n  listen: 127.0.0.1:0\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
# SIGTERM while the requests to the platform back off ends their waits: the stop takes far less
# than the default shutdown_grace (20 s).
start_daemon "$WORK/tcfeed.yaml" "$WORK/retrying.log"
wait_for 60 "a retry announced with its backoff" grep -q "attempt 2 of 6 in [0-9]* ms" "$WORK/retrying.log"
started=$SECONDS
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM while retrying"
(( SECONDS - started <= 5 )) || fail "stopping while the platform was retried took $((SECONDS - started)) s"
grep -q "work still in flight" "$WORK/retrying.log" && fail "the stop waited for the retries: $(grep 'in flight' "$WORK/retrying.log")"
rm -f "$WORK/state.db"*
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 60 "/readyz to report the platform" bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$STATUS_PORT/readyz) == 503 ]]"
expect_contains "$(status_get /readyz)" "ThreatConnect" "/readyz while the platform is down"
# The poll did not wait for the platform: its batches are in the outbox.
wait_for 30 "the outbox to hold the feed" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_outbox_indicators{owner=\"$OWNER\"} 20'"
wait_for 60 "a retry announced with its backoff" grep -q "attempt 2 of 6 in [0-9]* ms" "$WORK/daemon.log"
SANDBOX_LISTEN="127.0.0.1:$port" start_sandbox server
[[ "$SANDBOX_PORT" == "$port" ]] || fail "sandbox came back on another port"
wait_for 120 "delivery after the platform came back" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 20'"
wait_for 30 "/readyz ready again" bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$STATUS_PORT/readyz) == 200 ]]"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"

# --- a source that hangs for a minute does not delay another connector
rm -f "$WORK/state.db"*
hosts_feed "$WORK/feeds/slow.txt" 3 slow.example
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"slow","delay_ms":60000,"path":"/files/slow.txt"}' >/dev/null
write_config "$WORK/tcfeed.yaml" \
  "  - name: hanging" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/slow.txt" \
  "    indicator_type: Host" \
  "  - name: quick" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" "    indicator_type: Host" \
  "    schedule: { every: 1s, jitter: 0% }"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 2s\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon2.log"
polls() { curl -s "http://127.0.0.1:$STATUS_PORT/metrics" | grep '^tcfeed_polls_total{connector="quick",result="ok"}' | awk '{print $NF}'; }
wait_for 20 "five polls of the quick connector" bash -c "(( \$(curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep '^tcfeed_polls_total{connector=\"quick\",result=\"ok\"}' | awk '{print \$NF}') >= 5 ))"
expect_contains "$(status_get /)" "running" "status page (the hanging connector is still polling)"
started=$SECONDS
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM with a poll in flight"
(( SECONDS - started <= 10 )) || fail "stopping took $((SECONDS - started)) s with shutdown_grace 2s"
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null

# --- SIGTERM during delivery (job status polls answer slowly): exit 0 within the grace period;
# after a restart nothing is lost or stuck
rm -f "$WORK/state.db"*
hosts_feed "$WORK/term.txt" 40 term.example
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"slow","delay_ms":4000,"method":"GET","path":"/api/v2/batch"}' >/dev/null
write_config "$WORK/tcfeed.yaml" \
  "  - name: term" "    type: text" "    owner: $OWNER" "    url: file://$WORK/term.txt" "    indicator_type: Host"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 2s\nbatch:\n  max_indicators: 10\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/term.log"
wait_for 30 "a job being polled" bash -c "curl -s --cacert '$WORK/pki/ca.pem' https://localhost:$SANDBOX_PORT/_sandbox/stats | grep -q '\"method\":\"POST\",\"path\":\"/api/v2/batch/'"
started=$SECONDS
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM during delivery"
(( SECONDS - started <= 8 )) || fail "stopping during delivery took $((SECONDS - started)) s with shutdown_grace 2s"
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
run_tcfeed "$WORK/term-again.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the run after SIGTERM ($(tail -3 "$WORK/term-again.log"))"
held=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json --limit 100000 |
  grep -o '"summary":"[^"]*\.term\.example"' | sort -u | wc -l)
expect_eq "$held" 40 "indicators at the sandbox after SIGTERM during delivery"

# --- a SIGKILL while a download is in flight leaves no spool file in TMPDIR
rm -f "$WORK/state.db"*
mkdir -p "$WORK/spool"
hosts_feed "$WORK/feeds/spooled.txt" 3 spooled.example
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"slow","delay_ms":30000,"path":"/files/spooled.txt"}' >/dev/null
write_config "$WORK/spool.yaml" "  - name: spooled" "    type: text" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/files/spooled.txt" "    indicator_type: Host"
printf 'http:\n  listen: 127.0.0.1:0\n' >>"$WORK/spool.yaml"
TMPDIR="$WORK/spool" start_daemon "$WORK/spool.yaml" "$WORK/spool.log"
wait_for 20 "the download in flight" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/ | grep -q running"
sleep 0.5
kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true; DAEMON_PID=""
expect_eq "$(ls -A "$WORK/spool")" "" "files left in TMPDIR by a daemon killed mid-download"
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null

# --- SIGKILL at random moments, then a clean run: everything is at the sandbox
rm -f "$WORK/state.db"*
hosts_feed "$WORK/killed.txt" 300 killed.example
write_config "$WORK/tcfeed.yaml" \
  "  - name: killed" "    type: text" "    owner: $OWNER" "    url: file://$WORK/killed.txt" "    indicator_type: Host" \
  "    schedule: { every: 1s, jitter: 0% }"
printf 'http:\n  listen: 127.0.0.1:0\nbatch:\n  max_indicators: 20\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
RANDOM=7
for round in 1 2 3 4 5; do
  start_daemon "$WORK/tcfeed.yaml" "$WORK/killed-$round.log"
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true; DAEMON_PID=""
done
run_tcfeed "$WORK/final.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the run after the kills ($(tail -3 "$WORK/final.log"))"
held=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json --limit 100000 |
  grep -o '"summary":"[^"]*\.killed\.example"' | sort -u | wc -l)
expect_eq "$held" 300 "indicators at the sandbox after 5 SIGKILLs"
expect_contains "$("$TCFEED" state --config "$WORK/tcfeed.yaml" show --json)" '"outbox":[]' "outbox after recovery"
echo "PASS"
