# A SIGHUP restarts only the connectors whose configuration changed, and the log says which keys
# changed (never a value); `tcfeed poll CONNECTOR` (POST /poll/CONNECTOR on http.listen, loopback
# only) polls one connector now in the running daemon, and says so plainly when none runs.
source "$(dirname "$0")/lib.sh"
start_sandbox
hosts_feed "$WORK/a.txt" 3 a.example
hosts_feed "$WORK/b.txt" 4 b.example
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
connector() {  # NAME FILE [extra lines]
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: file://$2" "    indicator_type: Host" \
    "    schedule: { every: 1h, jitter: 0% }" "${@:3}"
}
configure() {
  write_config "$WORK/tcfeed.yaml" "$@"
  printf 'http:\n  listen: 127.0.0.1:%s\nbatch:\n  poll_interval: 100ms\n' "$port" >>"$WORK/tcfeed.yaml"
}
# A finished poll's summary line: its counts, or that the source had not changed.
polls() { grep -c "connector $1: \([0-9]* records\?, \|source not modified\)" "$WORK/daemon.log" || true; }

# No daemon yet: tcfeed poll says so, and how to poll once without one.
configure "$(connector alpha "$WORK/a.txt")" "$(connector beta "$WORK/b.txt")"
run_tcfeed "$WORK/nodaemon.log" poll alpha -c "$WORK/tcfeed.yaml"
expect_eq "$CODE" 1 "tcfeed poll exit code without a daemon"
expect_contains "$(cat "$WORK/nodaemon.log")" "no daemon answers on http.listen 127.0.0.1:$port" "tcfeed poll without a daemon"
expect_contains "$(cat "$WORK/nodaemon.log")" "tcfeed run --once --connector alpha" "tcfeed poll without a daemon"

start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 30 "both first polls" bash -c "[[ \$(grep -c 'connector \(alpha\|beta\): [0-9]* records' '$WORK/daemon.log') -ge 2 ]]"
expect_eq "$(polls alpha)" 1 "alpha's polls before the reload"
next_alpha=$(status_get / | grep -o 'alpha' | head -1)
[[ -n "$next_alpha" ]] || fail "the status page does not show alpha"

# Change beta's rating and add a secret reference: beta alone restarts (and polls, run_on_start);
# alpha keeps its schedule and is not polled again.
printf 'canary-key-value-9876' >"$WORK/beta_key"
chmod 600 "$WORK/beta_key"
configure "$(connector alpha "$WORK/a.txt")" \
  "$(connector beta "$WORK/b.txt" "    rating: 3" "    auth_bearer: true" "    auth_secret_file: $WORK/beta_key")"
kill -HUP "$DAEMON_PID"
wait_for 20 "the reload" grep -q "configuration reloaded: 2 connectors" "$WORK/daemon.log"
log=$(cat "$WORK/daemon.log")
expect_contains "$log" "reload: connector beta changed (auth_bearer, auth_secret_file, rating): restarting it" "reload log"
expect_contains "$log" "reload: 1 connector unchanged, left running: alpha" "reload log"
expect_not_contains "$log" "canary-key-value-9876" "reload log"
expect_not_contains "$log" "$WORK/beta_key" "reload log (key names only, never values)"
beta_polled_again() { [[ $(polls beta) -ge 2 ]]; }
wait_for 20 "beta's poll after its restart" beta_polled_again
sleep 1
expect_eq "$(polls alpha)" 1 "alpha's polls after a reload that did not change it"

# tcfeed poll: alpha now, ahead of its hourly schedule.
out=$("$TCFEED" poll alpha -c "$WORK/tcfeed.yaml")
expect_contains "$out" "connector alpha: polling now" "tcfeed poll"
alpha_polled() { [[ $(polls alpha) -ge 2 ]]; }
wait_for 20 "alpha's poll asked for" alpha_polled
run_tcfeed "$WORK/unknown.log" poll alhpa -c "$WORK/tcfeed.yaml"
expect_eq "$CODE" 2 "tcfeed poll exit code for an unknown connector"
expect_contains "$(cat "$WORK/unknown.log")" "no connector 'alhpa' in $WORK/tcfeed.yaml (did you mean 'alpha'?)" "tcfeed poll typo"
# The endpoint itself: 202, 404 for a name not running, 403 for a browser's cross-origin POST,
# and GET is not a way to trigger it.
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/poll/nosuch")" 404 "POST /poll/nosuch"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Origin: http://evil.example' \
  "http://127.0.0.1:$port/poll/alpha")" 403 "cross-origin POST"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/poll/alpha")" 404 "GET /poll/alpha"

# Removing beta stops it; changing nothing restarts nothing.
configure "$(connector alpha "$WORK/a.txt")"
kill -HUP "$DAEMON_PID"
wait_for 20 "the second reload" grep -q "configuration reloaded: 1 connector$" "$WORK/daemon.log"
expect_contains "$(cat "$WORK/daemon.log")" "reload: connector beta removed" "reload log"
kill -HUP "$DAEMON_PID"
wait_for 20 "the third reload" grep -q "reload: nothing changed" "$WORK/daemon.log"
expect_eq "$(status_code /readyz)" 200 "/readyz after the reloads"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo PASS
