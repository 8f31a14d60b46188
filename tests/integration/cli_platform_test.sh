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
# Tags and active are shown by a v2 read too, in the table and in JSON.
table=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type host)
grep -q '^TYPE .* ACTIVE *TAGS$' <<<"$table" || fail "the table has no ACTIVE and TAGS columns: $table"
grep -q '^Host *evil-one.example .* yes *c2$' <<<"$table" || fail "the table does not show active and the tag: $table"
expect_contains "$table" "2 indicators" "indicator table"
expect_contains "$("$TCFEED" indicators -c "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json)" '"active":true,' "v2 JSON"
expect_contains "$("$TCFEED" indicators -c "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json)" '"tags":["c2"]' "v2 JSON"
expect_contains "$("$TCFEED" indicators -c "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value evil-two.example --json)" \
  '"tags":["c2"]' "v2 JSON by value"
# sign and api take the same TARGET forms: relative, without the slash, with the base path, whole URL.
for target in /v2/owners v2/owners /api/v2/owners "https://localhost:$SANDBOX_PORT/api/v2/owners"; do
  expect_contains "$("$TCFEED" api --config "$WORK/tcfeed.yaml" GET "$target" 2>/dev/null)" '"status":"Success"' "api GET $target"
  expect_contains "$("$TCFEED" sign --config "$WORK/tcfeed.yaml" GET "$target" --timestamp 1700000000)" \
    "request-target: /api/v2/owners" "sign GET $target"
done
set +e; out=$("$TCFEED" api --config "$WORK/tcfeed.yaml" GET https://elsewhere.example/api/v2/owners 2>&1); CODE=$?; set -e
expect_eq "$CODE" 2 "api exit code for a URL outside base_url"
expect_contains "$out" "not under threatconnect.base_url" "api with a URL outside base_url"

# A read-only owner is reported before any job is created.
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
write_config "$WORK/tcfeed.yaml" "  - name: ro" "    type: text" "    owner: Read Only Org" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host"
run_tcfeed "$WORK/ro.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 1 "exit code for a read-only owner"
expect_contains "$(cat "$WORK/ro.log")" "may not write indicators to owner 'Read Only Org' (permIndicator READ)" "run log"
expect_not_contains "$(sandbox_get /_sandbox/stats)" '"path":"/api/v2/batch"' "sandbox log (no job for a read-only owner)"
echo PASS
