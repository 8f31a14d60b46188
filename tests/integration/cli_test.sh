# The stable CLI (docs/threatconnect.md, Command line and exit codes): sign prints vector 1 of its
# Known-answer vectors, normalize, config errors exit 2 naming file, line and key, --dry-run never
# writes the state file.
source "$(dirname "$0")/lib.sh"

printf '%s' 'EXAMPLEsecretKEY0123456789abcdefghijklmnopqrstuvwxyzABCDE' >"$WORK/vector_secret"
chmod 600 "$WORK/vector_secret"
cat >"$WORK/sign.yaml" <<YAML
threatconnect:
  base_url: https://app.threatconnect.com/api
  access_id: "12345678901234567890"
  secret_key_file: $WORK/vector_secret
YAML
out=$("$TCFEED" sign --config "$WORK/sign.yaml" GET '/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100' --timestamp 1700000000)
expect_contains "$out" "request-target: /api/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100" "sign"
expect_contains "$out" "Timestamp: 1700000000" "sign"
expect_contains "$out" "Authorization: TC 12345678901234567890:ZzmrNF92JI99gyc5TGwCj/kE5UN1HEGEL2fU4SZrNjw=" "sign"
out=$("$TCFEED" sign --config "$WORK/sign.yaml" post /v2/batch --timestamp 1700000000)
expect_contains "$out" "Authorization: TC 12345678901234567890:SOBkrtSMF9rhMeilplW3lU2zsTHAaEcR4qrOuCgDCi4=" "sign POST"

expect_eq "$("$TCFEED" normalize Host 'Bücher.Example')" "xn--bcher-kva.example" "normalize Host"
set +e
out=$(printf 'hxxp://Example.COM/Path\nnot a url\n' | "$TCFEED" normalize URL); code=$?
set -e
expect_eq "$(sed -n 1p <<<"$out")" "http://example.com/Path" "normalize URL line 1"
expect_contains "$(sed -n 2p <<<"$out")" "REJECT " "normalize URL line 2"
# The text, then the code the metrics and the audit file use (docs/reasons.md).
expect_contains "$(sed -n 2p <<<"$out")" "(url_missing_scheme)" "normalize URL line 2"
expect_eq "$code" 3 "normalize exit code when a value was rejected"
expect_eq "$("$TCFEED" normalize host 'Bücher.Example')" "xn--bcher-kva.example" "normalize with a lower-case type"
set +e
"$TCFEED" normalize Domain example.com 2>/dev/null; code=$?
set -e
expect_eq "$code" 2 "normalize with a non-standard type"

# Config errors: exit 2, file:line: key: what was expected.
cat >"$WORK/bad.yaml" <<YAML
threatconnect:
  base_url: http://app.threatconnect.com/api
  access_id: "1"
  secret_key_file: $WORK/vector_secret
YAML
set +e
out=$("$TCFEED" check-config --offline --config "$WORK/bad.yaml" 2>&1); code=$?
set -e
expect_eq "$code" 2 "exit code for a non-https base URL"
expect_contains "$out" "bad.yaml:2: threatconnect.base_url: must use https://" "config error"

cat >"$WORK/bad.yaml" <<YAML
threatconnect:
  base_url: https://app.threatconnect.com/api
  access_id: "1"
  secret_key_file: $WORK/vector_secret
connectors:
  - name: feed
    type: text
    owner: Demo Organization
    url: file:///dev/null
    indicator_type: Domain
YAML
set +e
out=$("$TCFEED" check-config --offline --config "$WORK/bad.yaml" 2>&1); code=$?
set -e
expect_eq "$code" 2 "exit code for a non-standard indicator type"
expect_contains "$out" "bad.yaml:10: connectors[0].indicator_type: 'Domain' is not a standard ThreatConnect indicator type" "config error"

# --dry-run writes the documents and leaves no state file behind.
printf 'http://a.example/x\nhttp://b.example/y\n' >"$WORK/urls.txt"
cat >"$WORK/dry.yaml" <<YAML
threatconnect:
  base_url: https://127.0.0.1:1/api
  access_id: "1"
  secret_key_file: $WORK/vector_secret
state:
  path: $WORK/dry/state.db
connectors:
  - name: urls
    type: text
    owner: Demo Organization
    url: file://$WORK/urls.txt
    indicator_type: URL
YAML
"$TCFEED" run --once --dry-run "$WORK/out" --config "$WORK/dry.yaml" 2>/dev/null || fail "dry run failed"
[[ ! -e "$WORK/dry/state.db" ]] || fail "--dry-run created the state file"
doc=$(cat "$WORK/out/urls-00000.json")
expect_contains "$doc" '{"indicator":[{"type":"URL","summary":"http://a.example/x","rating":0,"confidence":0}' "dry-run document"
echo "PASS"
