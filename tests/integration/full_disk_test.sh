# The daemon with its state file on a small filesystem that fills up (docs/architecture.md, The
# state file: a full disk stops the daemon loudly rather than guessing): it exits 1 with "the disk
# is full" naming the state file, and loses nothing — once space is freed and it restarts, every
# indicator is delivered. The filesystem is a real tmpfs, mounted in a private mount namespace so
# nothing outside this test sees it; without root or mount namespaces the test is skipped (exit 77).
if [[ -z "${TCFEED_FULL_DISK_NAMESPACE:-}" ]]; then
  if [[ $(id -u) != 0 ]] || ! unshare --mount --propagation private true 2>/dev/null; then
    echo "SKIP: needs root and a mount namespace (unshare --mount) for a private tmpfs"
    exit 77
  fi
  exec unshare --mount --propagation private env TCFEED_FULL_DISK_NAMESPACE=1 bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0

disk=$WORK/disk
mkdir -p "$disk"
# Room for the database (its tables take a 16 KiB page each) and a little more, far less than the
# 20,000 staged indicators need.
mount -t tmpfs -o size=2m tcfeed-full-disk "$disk"
trap 'umount "$disk" 2>/dev/null || true; cleanup' EXIT
hosts_feed "$WORK/hosts.txt" 20000 full.example
write_config "$WORK/tcfeed.yaml" \
  "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" "    indicator_type: Host"
sed -i "s|  path: $WORK/state.db|  path: $disk/state.db|" "$WORK/tcfeed.yaml"
printf 'http:\n  listen: 127.0.0.1:0\nshutdown_grace: 2s\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"

start_daemon "$WORK/tcfeed.yaml" "$WORK/full.log"
set +e
for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$DAEMON_PID" 2>/dev/null && fail "the daemon still runs on a full disk: $(tail -5 "$WORK/full.log")"
wait "$DAEMON_PID"
code=$?
set -e
DAEMON_PID=""
log=$(cat "$WORK/full.log")
expect_eq "$code" 1 "exit code on a full disk"
expect_contains "$log" "state database $disk/state.db:" "log (names the state file)"
expect_contains "$log" "the disk is full; free space, then restart tcfeed" "log"
expect_contains "$log" "stopping: the state database failed" "log"
free_kb=$(df --output=avail -k "$disk" | tail -1 | tr -d ' ')
(( free_kb < 64 )) || fail "the filesystem was not full: $free_kb KiB free"

# Space is freed (the filesystem grows); the restarted daemon polls the same data again — its
# cursor never moved past what was not committed — and delivers every indicator.
mount -o remount,size=64m "$disk"
start_daemon "$WORK/tcfeed.yaml" "$WORK/restart.log"
wait_for 120 "every indicator delivered after the restart" bash -c \
  "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 20000'"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
held=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json --limit 10000 | grep -o '"summary":"host-[0-9]*\.full\.example"' | wc -l)
expect_eq "$held" 10000 "hosts the platform lists (first page of 10,000)"
expect_contains "$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value host-19999.full.example --json)" '"summary":"host-19999.full.example"' "the last host"
echo "PASS"
