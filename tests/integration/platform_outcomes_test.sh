# Every outcome of docs/architecture.md, Outcomes, against the sandbox: per-indicator rejections with the platform's
# reasons, 503s retried with backoff, 429 Retry-After honoured, a bad signature retried once then
# stopping everything with the data kept, one owner denied while another delivers, clock skew
# measured, and connection reuse.
source "$(dirname "$0")/lib.sh"

connector() {  # NAME OWNER FILE
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $2" "    url: file://$3" "    indicator_type: Host"
}

# --- 3 of 1000 refused by the platform (its host rules refuse '_', ours accept it) -> exit 3
start_sandbox
hosts_feed "$WORK/hosts.txt" 997
printf 'bad_one.feed.example\nbad_two.feed.example\nbad_three.feed.example\n' >>"$WORK/hosts.txt"
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 3 "exit code when the platform rejects some indicators"
expect_contains "$log" "997 delivered, 3 rejected by the platform, 0 undelivered" "run log"
expect_eq "$(grep -c "platform rejected .*bad_.*Invalid Indicator" "$WORK/run.log")" 3 "rejections logged with reasons"

# --- the first 3 job creations answer 503: retried with backoff, then delivered
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --fail-first 3 --fail-status 503 --fail-path /api/v2/batch --fail-method POST
hosts_feed "$WORK/hosts.txt" 10
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code after transient 503s"
expect_contains "$(cat "$WORK/run.log")" "10 delivered" "run log after 503s"
expect_eq "$(grep -c "HTTP 503.*attempt [234] of 6 in [0-9]* ms" "$WORK/run.log")" 3 "backoff announced before each retry"

# --- 429 with Retry-After: 2 -> the next attempt at least 2 s later (the sandbox's request log)
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --fault kind=rate_limit,retry_after=2,count=1,path=/api/v2/batch,method=POST
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code after a 429"
stats=$(sandbox_get /_sandbox/stats)
gap=$(grep -o '{"t_ms":[0-9]*,"method":"POST","path":"/api/v2/batch","status":[0-9]*' <<<"$stats" |
  sed 's/{"t_ms":\([0-9]*\).*"status":\([0-9]*\)/\1 \2/' | awk 'NR==1 && $2==429 {t=$1} NR==2 {print $1 - t}')
[[ -n "$gap" ]] || fail "no 429 followed by a retry in the sandbox log: $stats"
(( gap >= 2000 )) || fail "retried ${gap} ms after a 429 with Retry-After: 2"

# --- bad signature: one immediate retry, then everything stops, data kept (cursor not moved)
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --bad-signature
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 1 "exit code when the signature is refused"
expect_contains "$(cat "$WORK/run.log")" "refused the credentials" "run log"
stats=$(sandbox_get /_sandbox/stats)
expect_eq "$(grep -o '"path":"/api/v2/owners"' <<<"$stats" | wc -l)" 2 "requests before stopping (one immediate retry)"
expect_not_contains "$stats" '"/api/v2/batch"' "sandbox log (no job may be created)"
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
start_sandbox server
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code once the credentials work"
expect_contains "$(cat "$WORK/run.log")" "10 delivered" "nothing was lost while stopped"

# --- one owner denied (403): that owner stops, the other owner's connector still delivers
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --deny-owner "Other Source"
hosts_feed "$WORK/other.txt" 5 other.example
write_config "$WORK/tcfeed.yaml" "$(connector denied "Other Source" "$WORK/other.txt")" \
  "$(connector allowed "$OWNER" "$WORK/hosts.txt")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 1 "exit code with one owner stopped"
expect_contains "$log" "owner 'Other Source': sending stopped, data kept" "run log"
expect_contains "$log" "connector allowed: 10 records" "run log"
expect_contains "$log" "10 delivered" "run log"

# --- clock skew: the server's clock is 900 s ahead; the error says by how much
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --clock-offset 900
write_config "$WORK/tcfeed.yaml"
set +e; out=$("$TCFEED" check-config --config "$WORK/tcfeed.yaml" 2>&1); CODE=$?; set -e
expect_eq "$CODE" 1 "exit code with a skewed clock"
expect_contains "$out" "clock" "skew error"
grep -Eq "off by -(89[0-9]|90[0-9]) s" <<<"$out" || fail "the measured offset is not about -900 s: $out"

# --- connection reuse: 200+ requests over at most 4 connections (one per sender, two senders)
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
rm -f "$WORK/state.db"*  # a fresh seen set: the same hosts go out again
start_sandbox server --running-polls 0
hosts_feed "$WORK/hosts.txt" 350
write_config "$WORK/tcfeed.yaml" "$(connector hosts "$OWNER" "$WORK/hosts.txt")"
printf 'batch:\n  max_indicators: 5\n  jobs_in_flight: 2\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the 70-job run"
stats=$(sandbox_get /_sandbox/stats)
requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' <<<"$stats")
connections=$(sed 's/.*"connections":\([0-9]*\).*/\1/' <<<"$stats")
(( requests >= 200 )) || fail "expected at least 200 requests, the sandbox saw $requests"
(( connections <= 4 )) || fail "$requests requests used $connections connections"
echo "PASS ($requests requests over $connections connections)"
