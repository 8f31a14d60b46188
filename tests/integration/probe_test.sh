# `tcfeed probe` against a real HttpServer (http_fixture_server): 200 is healthy, anything else
# or no answer is not, with a one-line reason; https:// and non-URLs are usage errors. Also a
# live /metrics through prometheus_check, and prometheus_check's own verdicts.
source "$(dirname "$0")/lib.sh"
: "${HTTP_FIXTURE_SERVER:?}" "${PROMETHEUS_CHECK:?}"

"$HTTP_FIXTURE_SERVER" "$WORK/fixture.port" "$WORK/silent.port" 2>"$WORK/fixture.log" &
FIXTURE_PID=$!
trap 'kill "$FIXTURE_PID" 2>/dev/null || true; wait "$FIXTURE_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do
  [[ -s "$WORK/fixture.port" ]] && break
  kill -0 "$FIXTURE_PID" 2>/dev/null || fail "fixture server exited: $(cat "$WORK/fixture.log")"
  sleep 0.05
done
PORT=$(cat "$WORK/fixture.port")
SILENT_PORT=$(cat "$WORK/silent.port")
BASE="http://127.0.0.1:$PORT"

# probe URL EXPECTED_CODE — runs tcfeed probe; sets OUT (its stderr) and checks the exit code.
probe() {
  run_tcfeed "$WORK/probe.err" probe "$1"
  OUT=$(cat "$WORK/probe.err")
  expect_eq "$CODE" "$2" "exit code of tcfeed probe $1 (stderr: $OUT)"
  [[ $(wc -l <"$WORK/probe.err") -le 1 ]] || fail "probe $1 wrote more than one line: $OUT"
}

probe "$BASE/ok" 0
expect_eq "$OUT" "" "stderr of a healthy probe"
probe "http://localhost:$PORT/ok?x=1" 0

probe "$BASE/not-ready" 1
expect_eq "$OUT" "tcfeed probe: $BASE/not-ready answered 503 Service Unavailable: not ready: owner Acme stopped (HTTP 401)" "503 reason"
probe "$BASE/moved" 1
expect_contains "$OUT" "answered 301" "a redirect is not healthy"
probe "$BASE/throw" 1
expect_contains "$OUT" "answered 500 Internal Server Error: internal server error" "handler failure"
expect_not_contains "$OUT" "fixture failure" "the handler's exception text"
probe "$BASE/nowhere" 1
expect_contains "$OUT" "answered 404" "unknown path"

probe "http://127.0.0.1:1/ok" 1
expect_contains "$OUT" "connect to 127.0.0.1:1 failed" "nothing listening"

start=$(date +%s)
probe "http://127.0.0.1:$SILENT_PORT/ok" 1
elapsed=$(( $(date +%s) - start ))
expect_contains "$OUT" "no answer from 127.0.0.1:$SILENT_PORT within 5s" "a server that never answers"
(( elapsed >= 4 && elapsed <= 8 )) || fail "the silent probe took ${elapsed}s, expected about 5"

probe "https://127.0.0.1:$PORT/ok" 2
expect_contains "$OUT" "https:// is not supported" "https URL"
probe "ftp://127.0.0.1/ok" 2
expect_contains "$OUT" "only http:// URLs" "other scheme"
probe "not a url" 2
expect_contains "$OUT" "expected an absolute URL" "not a URL"

# A live /metrics, scraped over HTTP, passes the strict exposition checker.
curl -sS --max-time 5 "$BASE/metrics" >"$WORK/metrics.txt"
expect_contains "$(cat "$WORK/metrics.txt")" 'owner="Acme \"Threat\" Feeds\\EU\nsecond line"' "escaped label value"
out=$("$PROMETHEUS_CHECK" <"$WORK/metrics.txt") || fail "prometheus_check refused the live /metrics: $out"
expect_eq "$out" "valid: 4 families, 5 samples" "prometheus_check summary"
headers=$(curl -sS -o /dev/null -D - --max-time 5 "$BASE/metrics")
expect_contains "$headers" "Content-Type: text/plain; version=0.0.4; charset=utf-8" "metrics content type"

# prometheus_check's verdict on broken input: exit 1, the first error with its line number.
set +e
err=$(printf '# TYPE a counter\na 1\n# TYPE a gauge\n' | "$PROMETHEUS_CHECK" 2>&1); code=$?
set -e
expect_eq "$code" 1 "prometheus_check exit code for a broken exposition"
expect_eq "$err" "prometheus_check: line 3: TYPE for a after its samples" "prometheus_check message"
echo "PASS"
