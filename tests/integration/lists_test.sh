# spamhaus_drop and openphish end to end (docs/feeds.md, Spamhaus DROP and OpenPhish): each list's
# fixture over HTTPS from the sandbox, in both Spamhaus forms, lands on the platform as CIDR, ASN
# and URL indicators; on the next poll an entry that left a list is deactivated; a JSON-lines file
# cut short, or whose metadata count does not match, fails its poll and removes nothing.
source "$(dirname "$0")/lib.sh"
fixtures=$TCFEED_SOURCE_DIR/tests/fixtures
cp "$fixtures/spamhaus/drop_v4.json" "$fixtures/spamhaus/dropv6.txt" "$fixtures/spamhaus/asndrop.json" \
  "$fixtures/spamhaus/asndrop.txt" "$fixtures/openphish/feed.txt" "$WORK/feeds/"
start_sandbox
base="https://localhost:$SANDBOX_PORT/files"
connector() {  # NAME TYPE FILE [extra YAML lines...]
  local name=$1 type=$2 file=$3
  shift 3
  printf '%s\n' "  - name: $name" "    type: $type" "    owner: $OWNER" "    url: $base/$file" "$@"
}
write_config "$WORK/tcfeed.yaml" \
  "$(connector drop spamhaus_drop drop_v4.json "    removed: deactivate" "    rating: 4")" \
  "$(connector dropv6 spamhaus_drop dropv6.txt "    removed: deactivate")" \
  "$(connector asndrop spamhaus_drop asndrop.json)" \
  "$(connector asntext spamhaus_drop asndrop.txt)" \
  "$(connector phish openphish feed.txt "    removed: deactivate" "    host_as: host" "    removed_guard: 30%")"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
"$TCFEED" check-config --offline --config "$WORK/tcfeed.yaml" >/dev/null 2>&1 || fail "config: $("$TCFEED" check-config --offline --config "$WORK/tcfeed.yaml" 2>&1)"

"$TCFEED" run --once --dry-run "$WORK/dry" --config "$WORK/tcfeed.yaml" 2>"$WORK/dry.log" || fail "dry run: $(cat "$WORK/dry.log")"
run_tcfeed "$WORK/run1.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run1.log")
expect_eq "$CODE" 0 "exit code of the first run ($log)"
total=0
for name in drop dropv6 asndrop phish; do
  planned=$(cat "$WORK/dry/$name"-*.json | grep -o '"summary":' | wc -l)
  (( planned > 0 )) || fail "connector $name planned nothing: $(cat "$WORK/dry.log")"
  grep -q "connector $name: [0-9]* records, $planned indicators" <<<"$log" || fail "connector $name did not queue its $planned indicators: $log"
  total=$((total + planned))
done
# ASN-DROP's text form names the same three ASNs: a connector's seen set is its own, so asntext
# sends them too, and the platform upserts them.
grep -q "connector asntext: 3 records, 3 indicators" <<<"$log" || fail "asntext: $log"
total=$((total + 3))
expect_contains "$log" "owner '$OWNER': $total delivered, 0 rejected by the platform, 0 undelivered" "run log"
# 6 networks, 3 IPv6 networks, 3 ASNs; 6 URLs, of which one on a documentation address (198.51.100.77,
# dropped with its host by the reserved ranges) and one on 2001:db8:: (likewise): 4 URLs + 4 hosts.
expect_eq "$(grep -o '"type":"CIDR"' "$WORK/dry/drop"-*.json | wc -l)" 6 "DROP networks planned"
expect_eq "$(grep -o '"type":"ASN"' "$WORK/dry/asndrop"-*.json | wc -l)" 3 "ASN-DROP numbers planned"

read_one() { "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type "$1" --value "$2" --json 2>/dev/null || true; }
expect_contains "$(read_one CIDR 31.24.81.0/24)" '"rating":4' "a DROP network with the connector's rating"
expect_contains "$(read_one CIDR 194.26.135.17/32)" '"summary":"194.26.135.17/32"' "a /32 stays a CIDR"
expect_contains "$(read_one ASN ASN208091)" '"summary":"ASN208091"' "an ASN-DROP number"
expect_contains "$(read_one URL 'https://wallet-connect-sync.example.app/#restore')" '"active":true' "an OpenPhish URL"
expect_contains "$(read_one Host secure-login-portal.example-bank-verify.com)" '"summary"' "an OpenPhish URL's host"
grep -q '"attribute":\[{"type":"Source","value":"https://check.spamhaus.org/sbl/query/SBL613405"}\]' "$WORK/dry/drop"-*.json ||
  fail "the SBL record as Source: $(cat "$WORK/dry/drop"-*.json)"

# The next poll: one network left DROP (the metadata counts the lines that are left), one URL left
# OpenPhish. Both are deactivated; what is still listed stays active.
grep -v '"SBL587720"' "$fixtures/spamhaus/drop_v4.json" | sed 's/"records":6/"records":5/' >"$WORK/feeds/drop_v4.json"
grep -v 'paypa1-account-review' "$fixtures/openphish/feed.txt" >"$WORK/feeds/feed.txt"
run_tcfeed "$WORK/run2.log" run --once --config "$WORK/tcfeed.yaml" --connector drop --connector phish
log=$(cat "$WORK/run2.log")
expect_eq "$CODE" 0 "exit code of the second run ($log)"
expect_contains "$log" "connector drop: 1 entry left the list" "run log"
# The URL and its host: two of eight entries (25%, within this connector's guard).
expect_contains "$log" "connector phish: 2 entries left the list" "run log"
expect_contains "$(read_one CIDR 146.19.24.0/24)" '"active":false' "the network that left DROP"
expect_contains "$(read_one CIDR 185.106.44.0/24)" '"active":true' "a network still on DROP"
expect_contains "$(read_one URL 'http://paypa1-account-review.example.net/webapps/')" '"active":false' "the URL that left OpenPhish"
expect_contains "$(read_one Host paypa1-account-review.example.net)" '"active":false' "the host of the URL that left OpenPhish"
expect_contains "$(read_one URL 'https://wallet-connect-sync.example.app/#restore')" '"active":true' "a URL still on OpenPhish"

# A cut download: the first two lines of the list, no metadata line. The poll fails and says why;
# nothing is deactivated although four of five entries are "missing".
head -2 "$fixtures/spamhaus/drop_v4.json" >"$WORK/feeds/drop_v4.json"
run_tcfeed "$WORK/run3.log" run --once --config "$WORK/tcfeed.yaml" --connector drop
log=$(cat "$WORK/run3.log")
expect_eq "$CODE" 1 "exit code of a poll of a cut list"
expect_contains "$log" "no metadata line at the end" "run log of a cut list"
expect_not_contains "$log" "left the list" "run log of a cut list"
expect_contains "$(read_one CIDR 185.106.44.0/24)" '"active":true' "a network after a cut download"
# Lines lost in the middle: the metadata line is there, but counts more than the file has.
{ head -2 "$fixtures/spamhaus/drop_v4.json"; tail -1 "$fixtures/spamhaus/drop_v4.json"; } >"$WORK/feeds/drop_v4.json"
run_tcfeed "$WORK/run4.log" run --once --config "$WORK/tcfeed.yaml" --connector drop
expect_eq "$CODE" 1 "exit code of a poll of a list short of its count"
expect_contains "$(cat "$WORK/run4.log")" "the metadata line counts 6 records, the file has 2" "run log"
expect_contains "$(read_one CIDR 185.106.44.0/24)" '"active":true' "a network after a short list"
echo "PASS ($total indicators from 5 connectors; removals on the next poll; cut lists refused)"
