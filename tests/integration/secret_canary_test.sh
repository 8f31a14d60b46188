# Secrets never leave tcfeed (README, configuration; issue 13): canary values as the ThreatConnect
# secret key, two feed keys (a query parameter and a header) and a proxy password, at the most
# verbose log level (debug), through deliveries, an auth failure (the platform refusing signatures,
# a source refusing its key), a reload (SIGHUP), a crash (TCFEED_TEST_CRASH_AT) and a dry run. None
# of them, nor the Basic form of the proxy credentials, appears in any log, /metrics, /readyz, the
# status page, an error, the dry-run output or the state file.
source "$(dirname "$0")/lib.sh"
command -v tinyproxy >/dev/null || fail "tinyproxy is not installed: run scripts/bootstrap"
suffix=$(openssl rand -hex 8)
TC_CANARY="CanaryTcSecret$suffix"
QUERY_CANARY="CanaryFeedQuery$suffix"
HEADER_CANARY="CanaryFeedHeader$suffix"
PROXY_CANARY="CanaryProxyPass$suffix"
PROXY_USER=canaryuser
printf '%s' "$TC_CANARY" >"$WORK/secret_key"  # the sandbox verifies signatures with it too
printf '%s' "$QUERY_CANARY" >"$WORK/query_key"
printf '%s' "$HEADER_CANARY" >"$WORK/header_key"
printf '%s' "$PROXY_CANARY" >"$WORK/proxy_password"
chmod 600 "$WORK/secret_key" "$WORK/query_key" "$WORK/header_key" "$WORK/proxy_password"
canaries=("$TC_CANARY" "$QUERY_CANARY" "$HEADER_CANARY" "$PROXY_CANARY"
  "$(printf '%s' "$PROXY_USER:$PROXY_CANARY" | base64 -w0)")

start_sandbox server --running-polls 0
PROXY_PID=""
stop_proxy() { [[ -z "$PROXY_PID" ]] || { kill "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; }; }
trap 'stop_proxy; cleanup' EXIT
for attempt in 1 2 3 4 5; do
  PROXY_PORT=$(shuf -i 20000-60000 -n 1)
  printf '%s\n' "Port $PROXY_PORT" "Listen 127.0.0.1" "Timeout 30" "Allow 127.0.0.1" "ConnectPort $SANDBOX_PORT" \
    "BasicAuth $PROXY_USER $PROXY_CANARY" "LogFile \"$WORK/proxy/tinyproxy.log\"" "LogLevel Connect" >"$WORK/tinyproxy.conf"
  mkdir -p "$WORK/proxy"
  tinyproxy -d -c "$WORK/tinyproxy.conf" >/dev/null 2>&1 &
  PROXY_PID=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && break 2; sleep 0.05; done
  stop_proxy
done

hosts_feed "$WORK/feeds/queried.txt" 3 queried.example
hosts_feed "$WORK/feeds/headed.txt" 3 headed.example
hosts_feed "$WORK/feeds/proxied.txt" 3 proxied.example
feed() {  # NAME [extra key lines...]
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/$1.txt" \
    "    indicator_type: Host" "    schedule: { every: 1s, jitter: 0% }" "${@:2}"
}
write_config "$WORK/tcfeed.yaml" \
  "$(feed queried '    auth_query: auth-key' "    auth_secret_file: $WORK/query_key")" \
  "$(feed headed '    auth_header: X-Api-Key' "    auth_secret_file: $WORK/header_key")" \
  "$(feed proxied "    proxy: http://$PROXY_USER@127.0.0.1:$PROXY_PORT" "    proxy_password_file: $WORK/proxy_password")"
printf 'http:\n  listen: 127.0.0.1:0\nlog_level: debug\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
mkdir -p "$WORK/out"

# --- The daemon at debug: delivers all three feeds (the proxy saw its credentials).
start_daemon "$WORK/tcfeed.yaml" "$WORK/out/daemon.log"
wait_for 30 "9 delivered" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 9'"
grep -q " debug source GET https://localhost:$SANDBOX_PORT/files/queried.txt?<redacted>: HTTP 200" "$WORK/out/daemon.log" ||
  fail "no debug line for the keyed download: $(cat "$WORK/out/daemon.log")"
grep -q "CONNECT localhost:$SANDBOX_PORT" "$WORK/proxy/tinyproxy.log" || fail "the proxy saw no CONNECT"
grep -q "GET /files/headed.txt 200" "$WORK/sandbox.log" || fail "the header-keyed feed was not fetched"
snapshot() {  # TAG — what an operator can read over HTTP
  status_get /metrics >"$WORK/out/metrics-$1.txt"
  status_get / >"$WORK/out/status-$1.html"
  status_get /readyz >"$WORK/out/readyz-$1.txt"
}
snapshot delivered

# --- Auth failures: the platform refuses every signature; one source refuses its key.
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"bad_signature":true,"rules":[{"kind":"status","status":401,"path":"/files/queried.txt"}]}' >/dev/null
hosts_feed "$WORK/feeds/headed.txt" 5 headed.example  # new work for a sender to fail on
wait_for 30 "the source's refusal" grep -q "the source refused the credentials" "$WORK/out/daemon.log"
wait_for 30 "the platform's refusal" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/readyz | grep -qi 'signature'"
snapshot refused

# --- A reload (SIGHUP), still refused, then the faults cleared.
kill -HUP "$DAEMON_PID"
wait_for 20 "the reload" grep -q "configuration reloaded" "$WORK/out/daemon.log"
snapshot reloaded
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"

# --- A crash mid-delivery, then the run that recovers.
if [[ $("$TCFEED" version) == *"test hooks compiled in"* ]]; then
  hosts_feed "$WORK/feeds/queried.txt" 6 queried.example
  set +e
  TCFEED_TEST_CRASH_AT=after_job_created "$TCFEED" run --once --config "$WORK/tcfeed.yaml" 2>"$WORK/out/crash.log"
  code=$?
  set -e
  (( code != 0 )) || fail "the run did not abort"
  expect_contains "$(cat "$WORK/out/crash.log")" "TCFEED_TEST_CRASH_AT=after_job_created" "crash log"
  run_tcfeed "$WORK/out/recovery.log" run --once --config "$WORK/tcfeed.yaml"
  expect_eq "$CODE" 0 "exit code of the run after the crash: $(tail -3 "$WORK/out/recovery.log")"
else
  echo "note: no crash points in this build; the crash part is skipped"
fi

# --- A dry run (of lines not delivered yet), and what the state file and its commands show.
hosts_feed "$WORK/feeds/headed.txt" 9 headed.example
hosts_feed "$WORK/feeds/proxied.txt" 9 proxied.example
run_tcfeed "$WORK/out/dry.log" run --dry-run "$WORK/out/dry" --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "dry run exit code: $(tail -3 "$WORK/out/dry.log")"
ls "$WORK/out/dry"/* >/dev/null 2>&1 || fail "the dry run wrote no documents"
"$TCFEED" state --config "$WORK/tcfeed.yaml" show >"$WORK/out/state-show.txt" 2>&1
"$TCFEED" state --config "$WORK/tcfeed.yaml" dead-letters >"$WORK/out/dead-letters.txt" 2>&1
cp "$WORK"/state.db* "$WORK/out/"

# --- Errors: a secret written inline is refused without being echoed.
sed "s|  secret_key_file: $WORK/secret_key|  secret_key: $TC_CANARY|" "$WORK/tcfeed.yaml" >"$WORK/inline.yaml"
run_tcfeed "$WORK/out/inline.log" check-config --offline --config "$WORK/inline.yaml"
expect_eq "$CODE" 2 "check-config exit code with an inline secret"
expect_contains "$(cat "$WORK/out/inline.log")" "secrets are not accepted inline" "check-config"

# Nowhere, in any form checked.
files=$(find "$WORK/out" -type f | wc -l)
(( files >= 20 )) || fail "only $files files collected"
for canary in "${canaries[@]}"; do
  if found=$(grep -rlaF -- "$canary" "$WORK/out"); then
    fail "a secret ($canary) leaked into: $found"
  fi
done
echo "PASS ($files files checked for ${#canaries[@]} canaries)"
