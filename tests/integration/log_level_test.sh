# Log level and format control (README, the daemon's log; issue 13, hostile input 7; issue 14): --log-level, then
# TCFEED_LOG_LEVEL, then the configuration's log_level, then info. debug adds a line per download
# and per platform request; warning hides the info lines; a bad value is refused; a reload
# (SIGHUP) applies a changed log_level.
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0
hosts_feed "$WORK/feeds/hosts.txt" 3 level.example
connector=("  - name: hosts" "    type: text" "    owner: $OWNER" "    url: https://localhost:\$PORT/files/hosts.txt"
  "    indicator_type: Host" "    schedule: { every: 1s, jitter: 0% }")
write_config "$WORK/tcfeed.yaml" "${connector[@]//\$PORT/$SANDBOX_PORT}"
cp "$WORK/tcfeed.yaml" "$WORK/base.yaml"
printf 'log_level: warning\n' >>"$WORK/tcfeed.yaml"

# run_once [GLOBAL OPTIONS...] — a fresh run --once; sets CODE and LOG.
run_once() {
  rm -f "$WORK/state.db"*
  run_tcfeed "$WORK/once.log" "$@" run --once --config "$WORK/tcfeed.yaml"
  LOG=$(cat "$WORK/once.log")
}

# The configuration says warning: no info line.
run_once
log=$LOG
expect_eq "$CODE" 0 "run --once exit code"
expect_not_contains "$log" " info " "log at log_level: warning"
# TCFEED_LOG_LEVEL wins over it: the debug lines name each download and platform request.
TCFEED_LOG_LEVEL=debug run_once
log=$LOG
expect_contains "$log" " debug connector hosts: polling from position" "debug log"
expect_contains "$log" " debug source GET https://localhost:$SANDBOX_PORT/files/hosts.txt: HTTP 200, " "debug log"
expect_contains "$log" " debug ThreatConnect: POST /api/v2/batch: HTTP 201" "debug log"
expect_contains "$log" " info connector hosts: 3 records" "debug log"
# --log-level wins over both.
TCFEED_LOG_LEVEL=debug run_once --log-level error
log=$LOG
expect_not_contains "$log" " debug " "log with --log-level error"
expect_not_contains "$log" " info " "log with --log-level error"

# Bad values are refused, naming where they came from.
TCFEED_LOG_LEVEL=loud run_tcfeed "$WORK/bad.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 2 "exit code with TCFEED_LOG_LEVEL=loud"
expect_contains "$(cat "$WORK/bad.log")" "TCFEED_LOG_LEVEL: expected debug, info, warning or error, got 'loud'" "error"
run_tcfeed "$WORK/bad.log" run --once --config "$WORK/tcfeed.yaml" --log-level loud
expect_eq "$CODE" 2 "exit code with --log-level loud"
{ cat "$WORK/base.yaml"; printf 'log_level: verbose\n'; } >"$WORK/bad.yaml"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_eq "$CODE" 2 "check-config exit code with log_level: verbose"
expect_contains "$(cat "$WORK/bad.log")" "log_level: expected debug, info, warning or error" "check-config"

# log_format: json in the configuration: JSON lines with the summary's counts as fields (after the
# configuration is read; the lines before it are text). --log-format wins over it.
{ cat "$WORK/base.yaml"; printf 'log_format: json\n'; } >"$WORK/json.yaml"
rm -f "$WORK/state.db"*
run_tcfeed "$WORK/json.log" run --once --config "$WORK/json.yaml"
expect_eq "$CODE" 0 "run --once exit code with log_format: json"
summary=$(grep '"msg":"connector hosts: 3 records' "$WORK/json.log" || true)
expect_contains "$summary" '"connector":"hosts","owner":"'"$OWNER"'","records":3,"indicators":3,' "JSON summary line"
jq -e . <<<"$summary" >/dev/null || fail "the summary line is not JSON: $summary"
rm -f "$WORK/state.db"*
run_tcfeed "$WORK/text.log" run --once --config "$WORK/json.yaml" --log-format text
expect_contains "$(cat "$WORK/text.log")" " info connector hosts: 3 records" "--log-format text over log_format: json"
{ cat "$WORK/base.yaml"; printf 'log_format: xml\n'; } >"$WORK/bad.yaml"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_eq "$CODE" 2 "check-config exit code with log_format: xml"
expect_contains "$(cat "$WORK/bad.log")" "log_format: expected text or json" "check-config"

# The daemon at info; a reload to debug shows the debug lines from then on.
{ cat "$WORK/base.yaml"; printf 'http:\n  listen: 127.0.0.1:0\nlog_level: info\n'; } >"$WORK/daemon.yaml"
rm -f "$WORK/state.db"*
start_daemon "$WORK/daemon.yaml" "$WORK/daemon.log"
wait_for 20 "a poll" grep -q "info connector hosts: 3 records" "$WORK/daemon.log"
expect_not_contains "$(cat "$WORK/daemon.log")" " debug " "daemon log at info"
sed -i 's/^log_level: info$/log_level: debug/' "$WORK/daemon.yaml"
kill -HUP "$DAEMON_PID"
wait_for 20 "the reload" grep -q "configuration reloaded" "$WORK/daemon.log"
wait_for 20 "a debug line after the reload" grep -q " debug connector hosts: polling from position" "$WORK/daemon.log"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo PASS
