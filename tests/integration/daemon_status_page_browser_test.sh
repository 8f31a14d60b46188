# The status page as its users see it (issue 14): Debian's chromium, headless, loads the page a
# real daemon serves while it delivers to the sandbox. No console message at all (a script error,
# or a Content-Security-Policy refusal such as a style sheet whose hash does not match), a row and a
# chart per connector and per owner, the degraded state named when one connector reads a feed that
# is not there (while /readyz stays 200), and the page refreshing itself: once the feed appears and
# the connector recovers, the open page's title goes from "degraded (1 of 3 connectors)" to "ready"
# with nobody reloading it.
source "$(dirname "$0")/lib.sh"
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [[ -z "$CHROMIUM" ]]; then
  echo "SKIP: chromium is not installed (scripts/packages.txt lists it; scripts/bootstrap installs it)"
  exit 77
fi
start_sandbox

hosts_feed "$WORK/hosts.txt" 20 good.example
printf '203.0.113.5\n198.51.100.77\n' >"$WORK/ips.txt"
write_config "$WORK/tcfeed.yaml" \
  "  - name: good-feed" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host" "    schedule: { every: 1s, jitter: 0% }" \
  "  - name: broken-feed" "    type: text" "    owner: $OWNER" "    url: file://$WORK/later.txt" \
  "    indicator_type: Host" "    schedule: { every: 1s, jitter: 0% }" \
  "  - name: other-owner" "    type: text" "    owner: Other Source" "    url: file://$WORK/ips.txt" \
  "    indicator_type: Address" "    schedule: { every: 1h }"
printf 'http:\n  listen: 127.0.0.1:0\nbatch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"

# Degraded is ready: /readyz answers 200 and names the connector; the gauges say the same.
wait_for 30 "/readyz degraded" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/readyz | grep -q '^degraded: broken-feed$'"
expect_eq "$(status_code /readyz)" 200 "/readyz while one connector fails"
metrics=$(status_get /metrics)
expect_contains "$metrics" "tcfeed_degraded 1" "/metrics"
expect_contains "$metrics" 'tcfeed_connector_healthy{connector="broken-feed"} 0' "/metrics"
expect_contains "$metrics" 'tcfeed_connector_healthy{connector="good-feed"} 1' "/metrics"
wait_for 30 "20 hosts delivered" bash -c "curl -s http://127.0.0.1:$STATUS_PORT/metrics | grep -q '^tcfeed_delivered_total{owner=\"$OWNER\"} 20$'"
headers=$(curl -sS -D - -o /dev/null "http://127.0.0.1:$STATUS_PORT/")
expect_contains "$headers" "Content-Security-Policy: default-src 'none'; style-src 'sha256-" "the page's headers"

# As root (CI) chromium needs --no-sandbox; --enable-logging=stderr prints every console message.
browser=("$CHROMIUM" --headless --disable-gpu --no-sandbox --no-first-run --enable-logging=stderr --v=0)
# Any console line — an error, a warning, a refused style or script — fails the test.
no_console_messages() {
  if grep -a ':CONSOLE' "$1"; then fail "the browser's console was not quiet (above, from $1)"; fi
}

# A chart appears with a connector's first run and an owner's first outbox sample (the status tick):
# on a busy machine the hour-long connector's first run may come after the other's deliveries.
wait_for 30 "a chart per connector and owner" bash -c \
  "[[ \$(curl -s http://127.0.0.1:$STATUS_PORT/ | grep -o '<svg class=\"chart\" role=\"img\"' | wc -l) == 5 ]]"

# --- The DOM as chromium built it.
timeout 60 "${browser[@]}" --user-data-dir="$WORK/chromium-dump" --dump-dom "http://127.0.0.1:$STATUS_PORT/" >"$WORK/dom.html" 2>"$WORK/dump.log" ||
  fail "chromium --dump-dom failed: $(tail -5 "$WORK/dump.log")"
dom=$(cat "$WORK/dom.html")
no_console_messages "$WORK/dump.log"
expect_eq "$(grep -o '<tr class="connector">' <<<"$dom" | wc -l)" 3 "connector rows"
expect_eq "$(grep -o '<tr class="owner">' <<<"$dom" | wc -l)" 2 "owner rows"
for name in good-feed broken-feed other-owner "$OWNER" "Other Source"; do
  expect_contains "$dom" "<strong>$name</strong>" "the page"
done
expect_contains "$dom" 'data-state="degraded">Degraded: broken-feed<ul>' "the banner"
expect_contains "$dom" "later.txt" "the failing connector's error"
expect_eq "$(grep -o '<svg class="chart" role="img"' <<<"$dom" | wc -l)" 5 "charts (a connector's runs, an owner's outbox)"
expect_contains "$dom" '<title id="c0-t">Recent runs of good-feed</title>' "the first chart"
expect_contains "$dom" "<title>tcfeed — degraded (1 of 3 connectors)</title>" "the page title"

# --- Auto-refresh: the page stays open; the feed appears, the connector recovers, and the page's
# next refresh (every 10 s) shows it. Chromium's DevTools endpoint reports the page's title.
"${browser[@]}" --user-data-dir="$WORK/chromium-live" --remote-debugging-port=0 "http://127.0.0.1:$STATUS_PORT/" >/dev/null 2>"$WORK/live.log" &
BROWSER_PID=$!
trap 'kill "$BROWSER_PID" 2>/dev/null || true; wait "$BROWSER_PID" 2>/dev/null || true; cleanup' EXIT
wait_for 20 "chromium's DevTools port" test -s "$WORK/chromium-live/DevToolsActivePort"
devtools=$(head -1 "$WORK/chromium-live/DevToolsActivePort")
page_title() { curl -s "http://127.0.0.1:$devtools/json/list" | grep -o '"title": "tcfeed[^"]*"' || true; }
wait_for 20 "the page open in chromium" bash -c "$(declare -f page_title); devtools=$devtools; page_title | grep -q degraded"
cp "$WORK/hosts.txt" "$WORK/later.txt"
wait_for 30 "/readyz ready again" bash -c "[[ \$(curl -s http://127.0.0.1:$STATUS_PORT/readyz) == ready ]]"
wait_for 25 "the open page to refresh itself" bash -c "$(declare -f page_title); devtools=$devtools; page_title | grep -q 'tcfeed — ready'"
kill "$BROWSER_PID"
wait "$BROWSER_PID" 2>/dev/null || true
no_console_messages "$WORK/live.log"

stop_daemon
expect_eq "$DAEMON_CODE" 0 "daemon exit code"
echo "PASS"
