# tcfeed owners, api and indicators against the sandbox: the query is signed exactly as sent
# (`+` and `%20` are different bytes and both verify), v2 and v3 reads agree.
source "$(dirname "$0")/lib.sh"
start_sandbox server --owner "Read Only Org:Organization:READ"
write_config "$WORK/tcfeed.yaml"

out=$("$TCFEED" owners --config "$WORK/tcfeed.yaml")
expect_contains "$out" "Demo Organization" "owners"
expect_contains "$out" "FULL" "owners"
grep -q "Read Only Org.*READ" <<<"$out" || fail "owners does not show READ for 'Read Only Org': $out"
expect_contains "$("$TCFEED" owners --config "$WORK/tcfeed.yaml" --json)" '"name":"Other Source","type":"Source"' "owners --json"

expect_contains "$("$TCFEED" api --config "$WORK/tcfeed.yaml" GET /v2/owners 2>/dev/null)" '"status":"Success"' "api GET /v2/owners"
"$TCFEED" api --config "$WORK/tcfeed.yaml" GET '/v2/indicators?owner=Demo+Organization&resultLimit=5' >/dev/null 2>&1 ||
  fail "a '+'-encoded query signed as sent was refused"
"$TCFEED" api --config "$WORK/tcfeed.yaml" GET '/v2/indicators?owner=Demo%20Organization&resultLimit=5' >/dev/null 2>&1 ||
  fail "a '%20'-encoded query signed as sent was refused"
set +e; "$TCFEED" api --config "$WORK/tcfeed.yaml" GET /v2/nothing-here >/dev/null 2>&1; CODE=$?; set -e
expect_eq "$CODE" 1 "api exit code for a non-2xx answer"

printf 'evil-one.example\nevil-two.example\n' >"$WORK/feed.txt"
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host" "    tags: [c2]" "    rating: 2" "    confidence: 40"
"$TCFEED" run --once --config "$WORK/tcfeed.yaml" 2>/dev/null
v3=$("$TCFEED" indicators --v3 --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json)
expect_contains "$v3" '"summary":"evil-one.example"' "v3 read"
expect_contains "$v3" '"rating":2,"confidence":40' "v3 read"
expect_contains "$v3" '"tags":["c2"]' "v3 read"
expect_contains "$v3" '"threatAssessScore":' "v3 read"
expect_contains "$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value evil-two.example)" \
  "evil-two.example" "v2 read by value"

# A read-only owner is reported before any job is created.
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
write_config "$WORK/tcfeed.yaml" "  - name: ro" "    type: text" "    owner: Read Only Org" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host"
run_tcfeed "$WORK/ro.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 1 "exit code for a read-only owner"
expect_contains "$(cat "$WORK/ro.log")" "may not write indicators to owner 'Read Only Org' (permIndicator READ)" "run log"
expect_not_contains "$(sandbox_get /_sandbox/stats)" '"path":"/api/v2/batch"' "sandbox log (no job for a read-only owner)"
echo PASS
