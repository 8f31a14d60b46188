# The daemon (issue 5): polls on schedules into the outbox and delivers; shows itself on /livez,
# /readyz, /metrics (checked by a strict Prometheus text-format parser) and the status page;
# sends an unchanged full list only once and a changed line alone; refuses a second daemon on the
# same state file naming the holder; a dry run leaves the state file byte-identical; SIGTERM
# stops it cleanly.
source "$(dirname "$0")/lib.sh"
start_sandbox
: "${PROMETHEUS_CHECK:?path to prometheus_check}"

hosts_feed "$WORK/hosts.txt" 50 full.example
printf '203.0.113.5\n198.51.100.77\n' >"$WORK/ips.txt"
write_config "$WORK/tcfeed.yaml" \
  "  - name: full-list" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host" "    schedule: { every: 1s, jitter: 0% }" \
  "  - name: ips.co" "    type: text" "    owner: Other Source" "    url: file://$WORK/ips.txt" \
  "    indicator_type: Address" "    schedule: { every: 1h }" \
  "  - name: missing" "    type: text" "    owner: $OWNER" "    url: file://$WORK/absent.txt" \
  "    indicator_type: Host" "    schedule: { every: 1h }"
printf 'http:\n  listen: 127.0.0.1:0\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"

start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
expect_eq "$(status_get /livez)" "ok" "/livez"
queued() {  # the connector's tcfeed_indicators_queued_total
  status_get /metrics | grep "^tcfeed_indicators_queued_total{connector=\"$1\"}" | awk '{print $NF}'
}
delivered() { status_get /metrics | grep "^tcfeed_delivered_total{owner=\"$1\"}" | awk '{print $NF}'; }
wait_for 30 "50 hosts delivered" bash -c "[[ \$(curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep '^tcfeed_delivered_total{owner=\"$OWNER\"}' | awk '{print \$NF}') == 50 ]]"
wait_for 30 "/readyz ready" bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$STATUS_PORT/readyz) == 200 ]]"

# /metrics is valid Prometheus text and has no indicator values in it.
metrics=$(status_get /metrics)
"$PROMETHEUS_CHECK" <<<"$metrics" || fail "/metrics is not valid Prometheus text"
expect_not_contains "$metrics" "full.example" "/metrics"
expect_contains "$metrics" 'tcfeed_outbox_batches{owner="Demo Organization"} 0' "/metrics"
# What deploy/alerts.yaml's stale-feed rule divides by and counts from.
expect_contains "$metrics" 'tcfeed_connector_interval_seconds{connector="full-list"} 1' "/metrics"
expect_contains "$metrics" 'tcfeed_connector_interval_seconds{connector="ips.co"} 3600' "/metrics"
expect_contains "$metrics" 'process_start_time_seconds ' "/metrics"
# Every reason code at 0 from the start, per connector (docs/reasons.md), the drops of the loaded
# policy included: 'missing' never read a record.
expect_contains "$metrics" 'tcfeed_invalid_total{connector="missing",reason="url_missing_scheme"} 0' "/metrics"
expect_contains "$metrics" 'tcfeed_unmapped_total{connector="missing",reason="before_backfill"} 0' "/metrics"
expect_contains "$metrics" 'tcfeed_tags_dropped_total{connector="missing",reason="invalid_utf8"} 0' "/metrics"
expect_contains "$metrics" 'tcfeed_dropped_total{connector="missing",reason="warninglist:public-dns-resolvers"} 0' "/metrics"
expect_contains "$metrics" 'tcfeed_dropped_total{connector="missing",reason="allowlist:reserved-ip-ranges"} 0' "/metrics"

# Polled every second: the unchanged list is sent once.
polls_before=$(status_get /metrics | grep '^tcfeed_polls_total{connector="full-list",result="ok"}' | awk '{print $NF}')
wait_for 20 "two more polls" bash -c "(( \$(curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep '^tcfeed_polls_total{connector=\"full-list\",result=\"ok\"}' | awk '{print \$NF}') >= $polls_before + 2 ))"
expect_eq "$(queued full-list)" 50 "indicators queued after repeated polls of an unchanged list"
# One line changed: that one indicator alone goes out.
sed -i 's/^host-7.full.example$/host-7b.full.example/' "$WORK/hosts.txt"
wait_for 20 "the changed line queued" bash -c "[[ \$(curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep '^tcfeed_indicators_queued_total{connector=\"full-list\"}' | awk '{print \$NF}') == 51 ]]"
wait_for 20 "the changed line delivered" bash -c "[[ \$(curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep '^tcfeed_delivered_total{owner=\"$OWNER\"}' | awk '{print \$NF}') == 51 ]]"

# The status page: every connector with last run, next run, counts and last error.
page=$(status_get /)
expect_contains "$page" "full-list" "status page"
expect_contains "$page" "ips.co" "status page"
for column in "Last run" "Next run" "Records" "Indicators"; do expect_contains "$page" "$column" "status page"; done
expect_contains "$page" "absent.txt" "status page (the failing connector's last error)"

# A second daemon on the same state file names the holder and exits 1.
run_tcfeed "$WORK/second.log" run --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 1 "exit code of a second daemon"
expect_contains "$(cat "$WORK/second.log")" "pid $DAEMON_PID" "second daemon's error"

stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
expect_contains "$(cat "$WORK/daemon.log")" "SIGTERM received" "daemon log"

# A dry run leaves the state file byte-identical.
cp "$WORK/state.db" "$WORK/state.before"
echo "host-new.full.example" >>"$WORK/hosts.txt"
run_tcfeed "$WORK/dry.log" run --once --dry-run "$WORK/dry" --config "$WORK/tcfeed.yaml" --connector full-list
expect_eq "$CODE" 0 "dry run exit code"
cmp -s "$WORK/state.db" "$WORK/state.before" || fail "the dry run changed the state file"
expect_contains "$(cat "$WORK/dry/full-list-00000.json")" '"summary":"host-new.full.example"' "dry-run document"
expect_not_contains "$(cat "$WORK/dry/full-list-00000.json")" '"summary":"host-1.full.example"' "dry-run document (already delivered, unchanged)"

# An owner the API user does not see: that owner is stopped — /readyz names it and the gauge the
# TcfeedOwnerStopped alert reads is 1 — while the other owner's gauge stays 0.
write_config "$WORK/gone.yaml" \
  "  - name: gone" "    type: text" "    owner: Gone Owner" "    url: file://$WORK/ips.txt" "    indicator_type: Address" \
  "  - name: here" "    type: text" "    owner: $OWNER" "    url: file://$WORK/ips.txt" "    indicator_type: Address"
printf 'http:\n  listen: 127.0.0.1:0\n' >>"$WORK/gone.yaml"
start_daemon "$WORK/gone.yaml" "$WORK/gone.log"
wait_for 30 "the missing owner stopped" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_owner_stopped{owner=\"Gone Owner\"} 1\$'"
expect_contains "$(status_get /metrics)" "tcfeed_owner_stopped{owner=\"$OWNER\"} 0" "the other owner's gauge"
expect_eq "$(status_code /readyz)" 503 "/readyz with an owner stopped"
expect_contains "$(status_get /readyz)" "Gone Owner" "/readyz names the owner"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo "PASS"
