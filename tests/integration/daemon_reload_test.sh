# SIGHUP (docs/architecture.md, Reload): an invalid new configuration is refused with its file, line and problem while
# the same process keeps running the old one; a valid one schedules the new connectors and stops
# the removed ones.
source "$(dirname "$0")/lib.sh"
start_sandbox
hosts_feed "$WORK/a.txt" 3 a.example
hosts_feed "$WORK/b.txt" 4 b.example
connector() {  # NAME FILE
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: file://$2" "    indicator_type: Host" \
    "    schedule: { every: 1s, jitter: 0% }"
}
settings='http:\n  listen: 127.0.0.1:0\nbatch:\n  poll_interval: 100ms\n'
write_config "$WORK/tcfeed.yaml" "$(connector first "$WORK/a.txt")"
printf "$settings" >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
pid=$DAEMON_PID
# A series' value, or "" when it is absent (the checks below then say which, instead of set -e
# ending the test without a word). A series compared below must be there with a value first:
# under a renamed metric both sides of a comparison would read "", as would a series expected gone.
metric() { curl -s "http://127.0.0.1:$STATUS_PORT/metrics" | grep -F "$1 " | awk '{print $NF}' || true; }
has_number() { [[ "$(metric "$1")" =~ ^[0-9]+(\.[0-9]+)?([eE][+]?[0-9]+)?$ ]]; }
wait_for 30 "the first connector delivered" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 3'"
expect_eq "$(metric 'tcfeed_connector_interval_seconds{connector="first"}')" "1" "interval series before the reload"
# The poll's outcome is recorded apart from the delivery just seen: wait, do not race it.
wait_for 10 "the last-success series of the first connector" \
  has_number 'tcfeed_last_success_timestamp_seconds{connector="first"}'

# An invalid configuration: refused, located, the old one keeps running in the same process.
cp "$WORK/tcfeed.yaml" "$WORK/good.yaml"
printf '%s\n' "    colour: blue" >>"$WORK/tcfeed.yaml"
sed -i 's/^http:/http:\n  listen_typo: 1/' "$WORK/tcfeed.yaml"
kill -HUP "$pid"
wait_for 20 "the reload refusal" grep -q "reload refused" "$WORK/daemon.log"
expect_contains "$(cat "$WORK/daemon.log")" "$WORK/tcfeed.yaml:" "refusal names the file"
kill -0 "$pid" || fail "the daemon died on an invalid reload"
expect_eq "$(status_code /readyz)" 200 "/readyz after a refused reload"
page=$(status_get /)
expect_contains "$page" "first" "status page still runs the old connector"
# The refusal shows on the page too, not only in the log (issue 14).
expect_contains "$page" 'id="reload">The reload at' "status page after a refused reload"
expect_contains "$page" "$WORK/tcfeed.yaml:" "status page: the refused reload's error"
expect_contains "$page" "), refused &middot;" "status page: the last reload"

# A valid configuration: the new connector runs, the removed one is gone.
write_config "$WORK/tcfeed.yaml" "$(connector second "$WORK/b.txt")"
printf "$settings" >>"$WORK/tcfeed.yaml"
kill -HUP "$pid"
wait_for 20 "the reload" grep -q "configuration reloaded: 1 connector" "$WORK/daemon.log"
wait_for 30 "the second connector delivered" bash -c "grep -q 'owner .Demo Organization.: batch delivered: 4 stored' '$WORK/daemon.log'"
kill -0 "$pid" || fail "the daemon died on a valid reload"
page=$(status_get /)
expect_contains "$page" "), applied &middot;" "status page: the last reload"
expect_not_contains "$page" 'id="reload"' "status page after a valid reload"
expect_contains "$(status_get /)" "second" "status page after the reload"
first_polls=$(metric 'tcfeed_polls_total{connector="first",result="ok"}')
[[ "$first_polls" =~ ^[1-9][0-9]*$ ]] || fail "ok polls of the removed connector: expected a count, got '$first_polls'"
sleep 3
expect_eq "$(metric 'tcfeed_polls_total{connector="first",result="ok"}')" "$first_polls" "polls of the removed connector"
# The stale-feed alert reads these two: a removed connector must drop out of both.
expect_eq "$(metric 'tcfeed_connector_interval_seconds{connector="first"}')" "" "interval series of the removed connector"
expect_eq "$(metric 'tcfeed_last_success_timestamp_seconds{connector="first"}')" "" "last-success series of the removed connector"
expect_eq "$(metric 'tcfeed_connector_interval_seconds{connector="second"}')" "1" "interval series of the new connector"
wait_for 10 "the last-success series of the new connector" \
  has_number 'tcfeed_last_success_timestamp_seconds{connector="second"}'
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"

# SIGTERM right behind a SIGHUP, with a poll hanging: the reload waits shutdown_grace (3 s) for the
# old engine, and the stop must not wait a second grace for the new one.
rm -f "$WORK/state.db"*
hosts_feed "$WORK/feeds/hang.txt" 2 hang.example
curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"slow","delay_ms":60000,"path":"/files/hang.txt"}' >/dev/null
write_config "$WORK/tcfeed.yaml" "  - name: hanging" "    type: text" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/files/hang.txt" "    indicator_type: Host"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 3s\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/hup-term.log"
wait_for 20 "the hanging poll" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/ | grep -q running"
started=$(date +%s%N)
kill -HUP "$DAEMON_PID"
sleep 0.5
stop_daemon
took_ms=$(( ($(date +%s%N) - started) / 1000000 ))
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM during a reload"
(( took_ms <= 5500 )) || fail "SIGHUP then SIGTERM took $took_ms ms with shutdown_grace 3s (two graces?)"
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
echo "PASS"
