# A TAXII server that requires a client certificate (mutual TLS; docs/feeds.md, Fetching): with
# tls_client_cert and tls_client_key_file the poll delivers; without them the poll fails with an
# error that names the connector and says the server refused the handshake for want of a client
# certificate; a key that is not the certificate's, one half without the other and an unreadable
# certificate are located configuration errors that never show the key.
source "$(dirname "$0")/lib.sh"

root="$WORK/feeds/taxii/api1"
mkdir -p "$root"
added=$(date -u -d "-2 hours" +%Y-%m-%dT%H:%M:%S.000Z)
printf '{"title":"Mutual","objects":[{"date_added":"%s","object":{"type":"indicator","spec_version":"2.1","id":"indicator--7a1b2c3d-0001-4000-8000-000000000001","created":"%s","modified":"%s","pattern_type":"stix","valid_from":"%s","pattern":"[domain-name:value = '"'"'mtls.taxii.example'"'"']"}}]}' \
  "$added" "$added" "$added" "$added" >"$root/mutual.json"
start_sandbox                                      # ThreatConnect: no client certificate asked
start_feed_sandbox mtls --client-ca "$WORK/pki/ca.pem"  # the TAXII server: mutual TLS
chmod 600 "$WORK/pki/client.key" "$WORK/pki/other.key"

taxii() { # NAME, then extra lines
  local name=$1
  shift
  printf '%s\n' "  - name: $name" "    type: taxii21" "    owner: $OWNER" \
    "    url: https://localhost:$FEED_PORT/taxii2/api1/" "    collection: Mutual" "$@"
}
key_line="    tls_client_key_file: $WORK/pki/client.key"
cert_line="    tls_client_cert: $WORK/pki/client.pem"

# Without a certificate: the server refuses the handshake, and the error says why and where.
write_config "$WORK/bare.yaml" "$(taxii bare)"
run_tcfeed "$WORK/bare.log" run --once --config "$WORK/bare.yaml"
log=$(cat "$WORK/bare.log")
expect_eq "$CODE" 1 "exit code without a client certificate: $log"
expect_contains "$log" "connector bare:" "the failure names the connector"
expect_contains "$log" "refused by the server: it asked for a client certificate and none is configured" \
  "the failure says the server wanted a client certificate"
expect_contains "$log" "tls_client_cert" "the failure names the keys to set"

# With it: delivered.
write_config "$WORK/mtls.yaml" "$(taxii mtls "$cert_line" "$key_line")"
expect_contains "$("$TCFEED" check-config --offline --config "$WORK/mtls.yaml")" ": valid (" "check-config with the pair"
run_tcfeed "$WORK/mtls.log" run --once --config "$WORK/mtls.yaml"
log=$(cat "$WORK/mtls.log")
expect_eq "$CODE" 0 "exit code with the client certificate: $log"
expect_contains "$log" "connector mtls: 1 record, 1 indicator" "poll with the client certificate"
expect_contains "$log" "owner 'Demo Organization': 1 delivered" "delivery"
expect_contains "$("$TCFEED" indicators --config "$WORK/mtls.yaml" --owner "$OWNER")" "mtls.taxii.example" "read back"
key_body=$(sed -n 2p "$WORK/pki/client.key")

# A certificate the server's CA did not issue: refused, and the error gives the server's alert.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/stray.key" \
  -out "$WORK/stray.pem" -days 1 -subj "/CN=stray" 2>/dev/null
chmod 600 "$WORK/stray.key"
write_config "$WORK/stray.yaml" "$(taxii stray "    tls_client_cert: $WORK/stray.pem" \
  "    tls_client_key_file: $WORK/stray.key")"
run_tcfeed "$WORK/stray.log" run --once --config "$WORK/stray.yaml"
log=$(cat "$WORK/stray.log")
expect_eq "$CODE" 1 "exit code with a certificate of another CA: $log"
expect_contains "$log" "connector stray:" "the failure names the connector"
expect_contains "$log" "refused by the server: alert: tlsv1 alert unknown ca" "the server's alert"
expect_contains "$log" "it may not accept the client certificate $WORK/stray.pem" "the certificate named"
expect_contains "$(grep 'connector bare:' "$WORK/bare.log")" "(alert: tlsv13 alert certificate required)" \
  "TLS 1.3's alert, named"

# check_refused FILE KEY_PATH WHAT — check-config exits 2 with "FILE:LINE: KEY_PATH: WHAT" and no key text.
check_refused() {
  set +e
  out=$("$TCFEED" check-config --offline --config "$1" 2>&1)
  code=$?
  set -e
  expect_eq "$code" 2 "check-config exit code for $2: $out"
  expect_contains "$out" "$1:" "error names the file"
  [[ "$out" =~ $1:[0-9]+:\ connectors\[0\]\.$2:\  ]] || fail "no located error for $2: $out"
  expect_contains "$out" "$3" "error for $2"
  expect_not_contains "$out" "$key_body" "error for $2 (key text)"
  expect_not_contains "$out" "valid (" "refused configuration"
}
write_config "$WORK/c1.yaml" "$(taxii mtls "$cert_line")"
check_refused "$WORK/c1.yaml" tls_client_cert "needs its private key: give tls_client_key_file"
write_config "$WORK/c2.yaml" "$(taxii mtls "$key_line")"
check_refused "$WORK/c2.yaml" tls_client_key "needs tls_client_cert"
write_config "$WORK/c3.yaml" "$(taxii mtls "    tls_client_cert: $WORK/pki/missing.pem" "$key_line")"
check_refused "$WORK/c3.yaml" tls_client_cert "cannot read the client certificate $WORK/pki/missing.pem"
write_config "$WORK/c4.yaml" "$(taxii mtls "$cert_line" "    tls_client_key_file: $WORK/pki/other.key")"
check_refused "$WORK/c4.yaml" tls_client_key_file "does not match the client certificate $WORK/pki/client.pem"
write_config "$WORK/c5.yaml" "$(taxii mtls "$cert_line" "    tls_client_key_file: $WORK/pki/nothing.key")"
check_refused "$WORK/c5.yaml" tls_client_key_file "cannot read secret file $WORK/pki/nothing.key"
install -m 600 "$WORK/pki/client.pem" "$WORK/pki/cert-as-key.pem"
write_config "$WORK/c6.yaml" "$(taxii mtls "$cert_line" "    tls_client_key_file: $WORK/pki/cert-as-key.pem")"
check_refused "$WORK/c6.yaml" tls_client_key_file "is not an unencrypted PEM private key"
echo "PASS"
