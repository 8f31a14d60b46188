# Shared set-up for the integration tests: a scratch directory, test certificates, a secret, and
# tcfeed-sandbox on an ephemeral loopback port. Source it; it cleans up on exit.
set -euo pipefail

: "${TCFEED:?path to the tcfeed binary}" "${TCFEED_SANDBOX:?path to tcfeed-sandbox}" "${TCFEED_SOURCE_DIR:?}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcfeed-it.XXXXXX")
SANDBOX_PID=""
EXTRA_PIDS=()  # more servers a test started (start_feed_sandbox), stopped on exit
ACCESS_ID="12345678901234567890"
OWNER="Demo Organization"

cleanup() {
  if [[ -n "${DAEMON_PID:-}" ]]; then kill -9 "$DAEMON_PID" 2>/dev/null || true; wait "$DAEMON_PID" 2>/dev/null || true; fi
  if [[ -n "$SANDBOX_PID" ]]; then kill "$SANDBOX_PID" 2>/dev/null || true; wait "$SANDBOX_PID" 2>/dev/null || true; fi
  local pid
  for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_contains HAYSTACK NEEDLE [WHAT]
expect_contains() { [[ "$1" == *"$2"* ]] || fail "${3:-output} does not contain '$2'; it was:"$'\n'"$1"; }
expect_not_contains() { [[ "$1" != *"$2"* ]] || fail "${3:-output} contains '$2'; it was:"$'\n'"$1"; }
expect_eq() { [[ "$1" == "$2" ]] || fail "${3:-value}: expected '$2', got '$1'"; }
# require_test_hooks — for a test that aborts tcfeed with TCFEED_TEST_CRASH_AT: skipped (77), not
# failed, on a build without the crash points (TCFEED_TEST_HOOKS is off unless a preset sets it).
require_test_hooks() {
  [[ $("$TCFEED" version) == *"test hooks compiled in"* ]] && return
  echo "SKIP: $TCFEED has no crash points (configure with -DTCFEED_TEST_HOOKS=ON, as the dev and asan" \
    "presets do)"
  exit 77
}

bash "$TCFEED_SOURCE_DIR/tests/sandbox/make-certs.sh" "$WORK/pki" >/dev/null
openssl rand -base64 42 | tr -d '\n' >"$WORK/secret_key"
chmod 600 "$WORK/secret_key"

# start_sandbox [CERT_NAME] [extra sandbox args...] — sets SANDBOX_PORT; listens on SANDBOX_LISTEN
# (default 127.0.0.1:0, an ephemeral port).
start_sandbox() {
  local cert=${1:-server}
  shift || true
  rm -f "$WORK/port"
  "$TCFEED_SANDBOX" --cert "$WORK/pki/$cert.pem" --key "$WORK/pki/$cert.key" --listen "${SANDBOX_LISTEN:-127.0.0.1:0}" \
    --port-file "$WORK/port" --access-id "$ACCESS_ID" --secret-file "$WORK/secret_key" \
    --owner "$OWNER" --owner "Other Source:Source" --files "$WORK/feeds" "$@" \
    >"$WORK/sandbox.out" 2>"$WORK/sandbox.log" &
  SANDBOX_PID=$!
  for _ in $(seq 100); do
    [[ -s "$WORK/port" ]] && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || fail "sandbox exited: $(cat "$WORK/sandbox.log")"
    sleep 0.05
  done
  SANDBOX_PORT=$(cat "$WORK/port")
  [[ -n "$SANDBOX_PORT" ]] || fail "sandbox did not report its port"
}

mkdir -p "$WORK/feeds"

# start_feed_sandbox NAME [extra sandbox args...] — a second tcfeed-sandbox serving $WORK/feeds,
# for a feed server that must differ from the ThreatConnect one (e.g. --client-ca: mutual TLS
# applies to the whole server). Sets FEED_PORT; logs in $WORK/NAME.log.
start_feed_sandbox() {
  local name=$1 pid
  shift
  rm -f "$WORK/$name.port"
  "$TCFEED_SANDBOX" --cert "$WORK/pki/server.pem" --key "$WORK/pki/server.key" --listen 127.0.0.1:0 \
    --port-file "$WORK/$name.port" --files "$WORK/feeds" "$@" >/dev/null 2>"$WORK/$name.log" &
  pid=$!
  EXTRA_PIDS+=("$pid")
  for _ in $(seq 100); do
    [[ -s "$WORK/$name.port" ]] && break
    kill -0 "$pid" 2>/dev/null || fail "$name sandbox exited: $(cat "$WORK/$name.log")"
    sleep 0.05
  done
  FEED_PORT=$(cat "$WORK/$name.port")
  [[ -n "$FEED_PORT" ]] || fail "$name sandbox did not report its port"
}

# write_config FILE [connector YAML lines...] — threatconnect section pointing at the sandbox.
write_config() {
  local file=$1
  shift
  {
    echo "threatconnect:"
    echo "  base_url: https://localhost:${SANDBOX_PORT:-1}/api"
    echo "  access_id: \"$ACCESS_ID\""
    echo "  secret_key_file: $WORK/secret_key"
    echo "  ca_file: $WORK/pki/ca.pem"
    echo "state:"
    echo "  path: $WORK/state.db"
    echo "connectors:"
    printf '%s\n' "$@"
  } >"$file"
}

# sandbox_get PATH — a plain GET to the sandbox's own (unauthenticated) endpoints.
sandbox_get() { curl -sS --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT$1"; }

# hosts_feed FILE N [SUFFIX] — N distinct, valid, public-looking host names.
hosts_feed() {
  local i
  for ((i = 0; i < $2; i++)); do echo "host-$i.${3:-feed.example}"; done >"$1"
}

# run_tcfeed LOG ARGS... — runs tcfeed with stderr to LOG; sets CODE.
run_tcfeed() {
  local log=$1
  shift
  set +e
  "$TCFEED" "$@" 2>"$log"
  CODE=$?
  set -e
  # Every run's books must balance (docs/architecture.md, Stream): a test of anything fails on a
  # record or candidate lost without a count.
  if grep -q "the counts do not add up" "$log"; then fail "$(grep "the counts do not add up" "$log")"; fi
}

# start_daemon CONFIG LOG [PREFIX...] — `tcfeed run` in the background; sets DAEMON_PID and
# STATUS_PORT (from the start-up line, so http.listen may say port 0). PREFIX is a command that
# execs the rest of its arguments (`env VAR=value`, a `bash -c '…; exec "$@"' name`): as every
# step execs, DAEMON_PID is still the daemon's own pid.
DAEMON_PID=""
start_daemon() {
  "${@:3}" "$TCFEED" run --config "$1" 2>"$2" &
  DAEMON_PID=$!
  STATUS_PORT=""
  for _ in $(seq 200); do
    STATUS_PORT=$(grep -so 'status on http://127.0.0.1:[0-9]*/' "$2" | grep -o '[0-9]*/$' | tr -d / || true)
    [[ -n "$STATUS_PORT" ]] && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || fail "daemon exited: $(cat "$2")"
    sleep 0.05
  done
  fail "daemon did not start: $(cat "$2")"
}
# status_get PATH — GET from the daemon's status endpoints (body on stdout, never fails).
status_get() { curl -sS "http://127.0.0.1:$STATUS_PORT$1" || true; }
status_code() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STATUS_PORT$1" || true; }
# wait_for SECONDS WHAT COMMAND... — polls COMMAND until it succeeds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out after ${seconds} s waiting for $what"
    sleep 0.2
  done
}
# stop_daemon — SIGTERM and wait; sets DAEMON_CODE.
stop_daemon() {
  kill -TERM "$DAEMON_PID"
  # A daemon that ignores SIGTERM fails here, with its pid, rather than hanging until CTest's timeout.
  local waited=0
  while kill -0 "$DAEMON_PID" 2>/dev/null && (( waited < 600 )); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -KILL "$DAEMON_PID"
    fail "daemon $DAEMON_PID still running 60 s after SIGTERM"
  fi
  set +e
  wait "$DAEMON_PID"
  DAEMON_CODE=$?
  set -e
  DAEMON_PID=""
}
