# Through a real HTTP CONNECT proxy (Debian's tinyproxy): delivered, and the certificate checked
# is the platform's, not the proxy's — a wrong-host certificate behind the proxy is refused.
source "$(dirname "$0")/lib.sh"
command -v tinyproxy >/dev/null || fail "tinyproxy is not installed: run scripts/bootstrap"

start_proxy() {  # sets PROXY_PORT; the CONNECT port allowed is the sandbox's
  local attempt
  for attempt in 1 2 3 4 5; do
    PROXY_PORT=$(shuf -i 20000-60000 -n 1)
    printf '%s\n' "Port $PROXY_PORT" "Listen 127.0.0.1" "Timeout 30" "Allow 127.0.0.1" \
      "ConnectPort $SANDBOX_PORT" "LogFile \"$WORK/tinyproxy.log\"" "LogLevel Connect" "MaxClients 10" >"$WORK/tinyproxy.conf"
    : >"$WORK/tinyproxy.log"
    tinyproxy -d -c "$WORK/tinyproxy.conf" >/dev/null 2>&1 &
    PROXY_PID=$!
    for _ in $(seq 50); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null; then return 0; fi
      kill -0 "$PROXY_PID" 2>/dev/null || break
      sleep 0.05
    done
    kill "$PROXY_PID" 2>/dev/null || true
  done
  fail "tinyproxy did not start"
}
stop_proxy() { kill "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; }
trap 'stop_proxy; cleanup' EXIT

start_sandbox
start_proxy
printf 'proxied-one.example\nproxied-two.example\n' >"$WORK/feed.txt"
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host"
sed -i "s|^  ca_file:|  proxy: http://127.0.0.1:$PROXY_PORT\n  ca_file:|" "$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code through the proxy"
expect_contains "$(cat "$WORK/run.log")" "2 delivered" "run log"
grep -q "CONNECT localhost:$SANDBOX_PORT" "$WORK/tinyproxy.log" || fail "the proxy saw no CONNECT: $(cat "$WORK/tinyproxy.log")"

# The same path to a platform whose certificate names another host: refused, not retried.
stop_proxy
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
start_sandbox wrong-host
start_proxy
write_config "$WORK/tcfeed.yaml"
sed -i "s|^  ca_file:|  proxy: http://127.0.0.1:$PROXY_PORT\n  ca_file:|" "$WORK/tcfeed.yaml"
set +e; out=$("$TCFEED" check-config --config "$WORK/tcfeed.yaml" 2>&1); CODE=$?; set -e
expect_eq "$CODE" 1 "exit code for a wrong-host certificate behind the proxy"
expect_contains "$out" "host name mismatch" "error"
grep -q "CONNECT localhost:$SANDBOX_PORT" "$WORK/tinyproxy.log" || fail "the request did not go through the proxy"
echo PASS
