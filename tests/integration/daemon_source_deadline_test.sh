# A source that trickles (docs/feeds.md, Shared rules, Fetching; issue 13, hostile input 2): the
# sandbox sends a feed's body a few bytes at a time, fast enough for every per-read timeout. With
# small configured limits `run --once` fails that connector within seconds, naming the key
# (fetch_min_rate, then fetch_timeout) while another connector delivers; in the daemon a SIGTERM
# cuts the download at once instead of waiting out shutdown_grace.
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0 --fault kind=trickle,path=/files/slow.txt,trickle_bytes=2,trickle_ms=200
hosts_feed "$WORK/feeds/slow.txt" 200 slow.example  # about 4 KB: 400 s at 10 bytes/s
hosts_feed "$WORK/feeds/quick.txt" 3 quick.example
feed() {  # NAME FILE [extra key lines...]
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/$2" \
    "    indicator_type: Host" "${@:3}"
}

# --- the minimum rate: 10 bytes/s arrive, 100 are asked for over each second.
write_config "$WORK/rate.yaml" "$(feed slow slow.txt '    fetch_min_rate: 100' '    fetch_min_rate_window: 1s')" \
  "$(feed quick quick.txt)"
started=$SECONDS
run_tcfeed "$WORK/rate.log" run --once --config "$WORK/rate.yaml"
log=$(cat "$WORK/rate.log")
(( SECONDS - started < 20 )) || fail "run --once took $((SECONDS - started)) s against a trickle: $log"
(( CODE != 0 )) || fail "run --once exited 0 with a failed connector: $log"
expect_contains "$log" "connector slow: https://localhost:$SANDBOX_PORT/files/slow.txt: the download was slower than fetch_min_rate (100 bytes/s over fetch_min_rate_window, 1s)" "run log"
expect_contains "$log" "owner '$OWNER': 3 delivered" "run log (the other connector)"

# --- the deadline: no minimum rate, the whole download within 2 s.
write_config "$WORK/deadline.yaml" "$(feed slow slow.txt '    fetch_min_rate: 0' '    fetch_timeout: 2s')"
started=$SECONDS
run_tcfeed "$WORK/deadline.log" run --once --config "$WORK/deadline.yaml"
log=$(cat "$WORK/deadline.log")
(( SECONDS - started < 15 )) || fail "run --once took $((SECONDS - started)) s with fetch_timeout: 2s: $log"
expect_contains "$log" "connector slow: https://localhost:$SANDBOX_PORT/files/slow.txt: the download did not finish within fetch_timeout (2s)" "run log"

# A bad value is refused at load, at its line.
write_config "$WORK/bad.yaml" "$(feed slow slow.txt '    fetch_min_rate_window: 0s')"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_eq "$CODE" 2 "check-config exit code for fetch_min_rate_window: 0s"
expect_contains "$(cat "$WORK/bad.log")" "connectors[0].fetch_min_rate_window: must be at least 1s" "check-config"
# `tcfeed connectors` lists the keys with their defaults.
keys=$("$TCFEED" connectors)
expect_contains "$keys" "fetch_timeout" "tcfeed connectors"
expect_contains "$keys" "fetch_min_rate_window" "tcfeed connectors"

# --- the daemon: limits generous enough that the download would run for minutes; SIGTERM cuts it.
write_config "$WORK/daemon.yaml" "$(feed slow slow.txt '    fetch_min_rate: 0' '    fetch_timeout: 30m')"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 20s\n' >>"$WORK/daemon.yaml"
start_daemon "$WORK/daemon.yaml" "$WORK/daemon.log"
wait_for 20 "the trickle to start" grep -q "GET /files/slow.txt 200" "$WORK/sandbox.log"
wait_for 20 "the connector running" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/ | grep -q '<strong>slow</strong>.*running'"
sleep 1
before=$(date +%s%N)
stop_daemon
waited_ms=$(( ($(date +%s%N) - before) / 1000000 ))
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
(( waited_ms < 5000 )) || fail "SIGTERM took $waited_ms ms with a download in flight (shutdown_grace 20s): $(cat "$WORK/daemon.log")"
log=$(cat "$WORK/daemon.log")
expect_contains "$log" "download stopped: tcfeed is stopping" "daemon log"
expect_not_contains "$log" "abandoned" "daemon log"
echo "PASS (SIGTERM with a download in flight: ${waited_ms} ms)"
