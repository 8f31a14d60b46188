# The daemon's HTTP listener under a flood of idle connections (issue 13, hostile input 7): 300
# connections that send nothing or half a request hold no health check hostage. /livez answers 200
# at once, and so do /readyz and /metrics, while all of them stay open.
source "$(dirname "$0")/lib.sh"
start_sandbox
hosts_feed "$WORK/hosts.txt" 3 flood.example
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host" "    schedule: { every: 1h }"
printf 'http:\n  listen: 127.0.0.1:0\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 20 "/readyz ready" bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$STATUS_PORT/readyz) == 200 ]]"

flood=()
for ((i = 0; i < 300; i++)); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$STATUS_PORT" || fail "connection $i refused"
  (( i % 3 == 0 )) && printf 'GET /livez HTTP/1.1\r\nHost:' >&"$fd"  # half a request
  flood+=("$fd")
done
for path in /livez /readyz /metrics; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$STATUS_PORT$path" || true)
  expect_eq "$code" 200 "$path with 300 idle connections open"
done
for fd in "${flood[@]}"; do exec {fd}>&-; done
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo PASS
