# A text feed, fetched over HTTPS from the sandbox and from a file, delivered end to end through
# the batch API, read back with ThreatAssess fields; the second poll of the unchanged HTTPS source
# is a 304 and sends nothing.
source "$(dirname "$0")/lib.sh"
start_sandbox

cat >"$WORK/feeds/hosts.txt" <<'FEED'
# Example host blocklist
#   one host a line
Bücher.Example
xn--bcher-kva.example.
evil-c2.example
bad host with spaces
evil-c2.example
FEED
printf '# ips\n185.216.71.120\n999.1.1.1\n2A02:CF40:1:0:0:0:0:5\n192.168.1.10\n' >"$WORK/ips.txt"

write_config "$WORK/tcfeed.yaml" \
  "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/hosts.txt" \
  "    indicator_type: Host" "    tags: [botnet]" \
  "  - name: ips" "    type: text" "    owner: $OWNER" "    url: file://$WORK/ips.txt" "    indicator_type: Address" \
  "    rating: 3" "    confidence: 60"

"$TCFEED" check-config --config "$WORK/tcfeed.yaml" || fail "check-config (online) failed"

set +e
"$TCFEED" run --once --config "$WORK/tcfeed.yaml" 2>"$WORK/run1.log"
code=$?
set -e
log=$(cat "$WORK/run1.log")
expect_eq "$code" 0 "exit code of the first run"
expect_contains "$log" "connector hosts: 5 records, 2 indicators, 1 rejected, 0 dropped, 2 duplicates" "run log"
expect_contains "$log" "owner 'Demo Organization': 4 delivered, 0 rejected by the platform, 0 undelivered" "run log"
expect_contains "$log" "connector ips: 1 dropped by policy: allowlist:reserved-ip-ranges" "run log"
expect_contains "$log" "connector ips: 4 records, 2 indicators, 1 rejected, 1 dropped" "run log"
expect_not_contains "$log" "$(cat "$WORK/secret_key")" "run log"

hosts=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json)
expect_contains "$hosts" '"summary":"xn--bcher-kva.example"' "hosts read back"
expect_contains "$hosts" '"summary":"evil-c2.example"' "hosts read back"
expect_contains "$hosts" '"owner":"Demo Organization"' "hosts read back"
expect_contains "$hosts" '"rating":0,"confidence":0' "hosts read back"
expect_contains "$hosts" '"threatAssessScore":' "hosts read back"

table=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER")
expect_contains "$table" "TA_SCORE" "indicator table"
expect_contains "$table" "2a02:cf40:1::5" "indicator table"
expect_not_contains "$table" "192.168.1.10" "indicator table (reserved ranges are allowlisted by default)"
expect_contains "$table" "4 indicators" "indicator table"
one=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Address --value 185.216.71.120 --json)
expect_contains "$one" '"rating":3,"confidence":60' "single Address read back"
# ThreatAssess is the sandbox's documented function: min(1000, 160*rating + 2*confidence + ...) >= 600 here.
score=$(sed -n 's/.*"threatAssessScore":\([0-9]*\).*/\1/p' <<<"$one")
(( score >= 600 && score <= 650 )) || fail "threatAssessScore $score outside the documented range for rating 3, confidence 60"

set +e
"$TCFEED" run --once --config "$WORK/tcfeed.yaml" --connector hosts 2>"$WORK/run2.log"
code=$?
set -e
expect_eq "$code" 0 "exit code of the second run"
expect_contains "$(cat "$WORK/run2.log")" "connector hosts: source not modified since the last run" "second run log"
echo "PASS"
