# sd_notify as systemd sees it (Type=notify-reload, WatchdogSec=2): notify_listener plays the
# service manager's NOTIFY_SOCKET and the daemon's notifications are checked in the order they
# arrived — READY=1 once started, STATUS= lines, WATCHDOG=1 at least every half watchdog period,
# RELOADING=1 with a MONOTONIC_USEC taken after the SIGHUP then READY=1 around every reload (a
# refused one too, or systemd would wait for the reload to time out and fail the unit), keep-alives
# still going while a reload waits for a delivery in flight, and STOPPING=1 as the last word on SIGTERM.
source "$(dirname "$0")/lib.sh"
: "${NOTIFY_LISTENER:?path to notify_listener}"

LISTENER_PID=""
trap 'if [[ -n "$LISTENER_PID" ]]; then kill "$LISTENER_PID" 2>/dev/null || true; wait "$LISTENER_PID" 2>/dev/null || true; fi; cleanup' EXIT

start_sandbox
hosts_feed "$WORK/a.txt" 3 a.example
hosts_feed "$WORK/feeds/b.txt" 4 b.example
connector() {  # NAME URL
  printf '%s\n' "  - name: $1" "    type: text" "    owner: $OWNER" "    url: $2" "    indicator_type: Host" \
    "    schedule: { every: 1s, jitter: 0% }"
}
settings='http:\n  listen: 127.0.0.1:0\nbatch:\n  poll_interval: 100ms\n'
write_config "$WORK/tcfeed.yaml" "$(connector first "file://$WORK/a.txt")"
printf "$settings" >>"$WORK/tcfeed.yaml"

socket="$WORK/notify.sock"
notes="$WORK/notify.out"
"$NOTIFY_LISTENER" "$socket" >"$notes" 2>"$WORK/notify.err" &
LISTENER_PID=$!
wait_for 10 "the listener's socket" test -S "$socket"

count() { grep -c -- "^$1" "$notes" || true; }  # PREFIX — datagrams so far that start with it
at_least() { (($(count "$1") >= $2)); }          # PREFIX N
# The lifecycle notifications only (no STATUS, no WATCHDOG), one per line, assignments after the
# first dropped: the sequence the order assertions compare.
lifecycle() { grep -E '^(READY|RELOADING|STOPPING)=' "$notes" | sed 's/|.*//' | paste -sd ' ' - || true; }
clock() { "$NOTIFY_LISTENER" --clock; }

# sd_watchdog_enabled() honours WATCHDOG_USEC only when WATCHDOG_PID names the calling process
# (systemd sets it so a forked child does not inherit the duty), so the shell exports its own pid
# and execs the daemon in its place; start_daemon's `&` forks that shell, so DAEMON_PID matches.
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log" \
  env -u WATCHDOG_PID NOTIFY_SOCKET="$socket" WATCHDOG_USEC=2000000 \
  bash -c 'export WATCHDOG_PID=$$; exec "$@"' tcfeed-under-systemd
pid=$DAEMON_PID

wait_for 20 "READY=1" at_least READY=1 1
expect_eq "$(head -n 1 "$notes")" "READY=1" "the first notification"
wait_for 15 "a STATUS= line" at_least STATUS= 1
grep -qE '^STATUS=1 connector, [0-9]+ batch(es)? in the outbox' "$notes" ||
  fail "STATUS= does not describe the daemon: $(grep '^STATUS=' "$notes")"

# WatchdogSec=2 → a keep-alive every second at most: 3 or more in any 4 s.
before=$(count WATCHDOG=1)
sleep 4
kept_alive=$(($(count WATCHDOG=1) - before))
((kept_alive >= 3)) || fail "$kept_alive WATCHDOG=1 in 4 s (WATCHDOG_USEC=2000000 asks for one per second)"

# RELOADING=1|MONOTONIC_USEC=N — systemd matches the reload by this CLOCK_MONOTONIC time: it must
# lie after the signal was sent (else the notification looks stale), and before READY=1 arrived.
reloading_within() {  # FROM TO — checks the latest RELOADING=1
  local line usec
  line=$(grep '^RELOADING=1' "$notes" | tail -n 1)
  [[ "$line" =~ ^RELOADING=1\|MONOTONIC_USEC=([0-9]+)$ ]] || fail "RELOADING=1 without MONOTONIC_USEC: '$line'"
  usec=${BASH_REMATCH[1]}
  ((usec >= $1 && usec <= $2)) || fail "MONOTONIC_USEC=$usec is not between the SIGHUP ($1) and READY=1 ($2)"
}

# A valid new configuration; its second connector polls the sandbox, so a poll can be held in
# flight for the last reload below.
write_config "$WORK/tcfeed.yaml" "$(connector first "file://$WORK/a.txt")" \
  "$(connector second "https://localhost:$SANDBOX_PORT/files/b.txt")"
printf "$settings" >>"$WORK/tcfeed.yaml"
sent=$(clock)
kill -HUP "$pid"
wait_for 20 "READY=1 after the reload" at_least READY=1 2
reloading_within "$sent" "$(clock)"
expect_contains "$(cat "$WORK/daemon.log")" "configuration reloaded: 2 connectors" "daemon log"
expect_eq "$(lifecycle)" "READY=1 RELOADING=1 READY=1" "notifications after a reload"

# An invalid one: refused, and systemd still hears that the reload is over.
cp "$WORK/tcfeed.yaml" "$WORK/good.yaml"
printf '%s\n' "    colour: blue" >>"$WORK/tcfeed.yaml"
sent=$(clock)
kill -HUP "$pid"
wait_for 20 "READY=1 after the refused reload" at_least READY=1 3
reloading_within "$sent" "$(clock)"
expect_contains "$(cat "$WORK/daemon.log")" "reload refused" "daemon log"
expect_eq "$(lifecycle)" "READY=1 RELOADING=1 READY=1 RELOADING=1 READY=1" "notifications after a refused reload"
kill -0 "$pid" 2>/dev/null || fail "the daemon died on an invalid reload"
expect_eq "$(status_code /readyz)" 200 "/readyz after a refused reload"
before=$(count WATCHDOG=1)
wait_for 5 "WATCHDOG=1 after the refused reload" at_least WATCHDOG=1 $((before + 2))

# A reload that restarts the whole engine (here a batch setting every sender uses changes; a
# change to connectors alone restarts only those) while a delivery is in flight waits for it (up
# to shutdown_grace) before the new engine starts (a download in flight would be cut at once
# instead). systemd keeps the watchdog armed while it waits for READY=1, so the keep-alives must
# go on meanwhile or the unit is killed in the middle of its reload.
sed 's/^  poll_interval: 100ms$/  poll_interval: 200ms/' "$WORK/good.yaml" >"$WORK/tcfeed.yaml"
grep -q 'poll_interval: 200ms' "$WORK/tcfeed.yaml" || fail "could not change batch.poll_interval"
curl -sS --cacert "$WORK/pki/ca.pem" -X POST "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"rules":[{"kind":"slow","delay_ms":6000,"count":1,"method":"POST","path":"/api/v2/batch"}]}' >/dev/null
hosts_feed "$WORK/feeds/b.txt" 6 b.example  # two new lines: a batch to deliver
wait_for 10 "a delivery held by the sandbox" bash -c "curl -sS --cacert '$WORK/pki/ca.pem' \
  https://localhost:$SANDBOX_PORT/_sandbox/faults | grep -q '\"fired\":1'"
sent=$(clock)
kill -HUP "$pid"
wait_for 30 "READY=1 after the reload with a delivery in flight" at_least READY=1 4
reload_ms=$((($(clock) - sent) / 1000))
# What arrived between the last RELOADING=1 and the READY=1 that ends it.
during=$(awk '/^RELOADING=1/ { last = NR } { line[NR] = $0 }
  END { for (i = last + 1; i <= NR && line[i] != "READY=1"; i++) print line[i] }' "$notes")
reload_pings=$(grep -c '^WATCHDOG=1$' <<<"$during" || true)
((reload_pings >= 3)) || fail "$reload_pings WATCHDOG=1 during a reload that took ${reload_ms} ms: $(tr '\n' ' ' <<<"$during")"
expect_eq "$(grep -c 'configuration reloaded: 2 connectors' "$WORK/daemon.log")" 2 "reloads done, in the daemon log"

# The status line follows the configuration in force: the reloaded one, not the refused one.
expect_contains "$(cat "$WORK/daemon.log")" "reload: batch.poll_interval changed: every connector and sender restarts" \
  "daemon log"
wait_for 15 "a STATUS= line for two connectors" at_least "STATUS=2 connectors," 1

stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
# The datagram was queued before the daemon exited; the listener may not have printed it yet.
wait_for 5 "STOPPING=1" at_least STOPPING=1 1
expect_eq "$(lifecycle)" "READY=1 RELOADING=1 READY=1 RELOADING=1 READY=1 RELOADING=1 READY=1 STOPPING=1" "notifications in order"
expect_eq "$(tail -n 1 "$notes")" "STOPPING=1" "the last notification"
# Nothing else reached the socket: every datagram is one of the five kinds, well formed.
if unknown=$(grep -vE '^(READY=1|STOPPING=1|WATCHDOG=1|STATUS=[^|]*|RELOADING=1\|MONOTONIC_USEC=[0-9]+)$' "$notes"); then
  fail "unexpected notifications: $unknown"
fi
[[ ! -s "$WORK/notify.err" ]] || fail "notify_listener: $(cat "$WORK/notify.err")"
echo "PASS"
