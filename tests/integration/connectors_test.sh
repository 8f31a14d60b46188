# Every connector ingests its fixture end to end over HTTPS from the sandbox (tcfeed run --once):
# what the dry run would send is what the platform holds, with owner, rating and confidence; an
# unchanged source answers 304 and the cursor stays; a zip export is unpacked; a 402 is reported
# as rate limiting. (Bombs and other hostile bodies: hostile_input_test.sh.)
source "$(dirname "$0")/lib.sh"
fixtures=$TCFEED_SOURCE_DIR/tests/fixtures
cp "$fixtures/urlhaus/csv_recent.zip" "$fixtures/threatfox/csv_recent.csv" "$fixtures/feodo/ipblocklist.json" \
  "$fixtures/malwarebazaar/recent.csv" "$fixtures/generic/with_header.csv" "$WORK/feeds/"
printf 'c2-host-one.example\nc2-host-two.example\n' >"$WORK/feeds/hosts.txt"
start_sandbox server --running-polls 0
base="https://localhost:$SANDBOX_PORT/files"
connector() {  # NAME TYPE FILE [extra YAML lines...]
  local name=$1 type=$2 file=$3
  shift 3
  printf '%s\n' "  - name: $name" "    type: $type" "    owner: $OWNER" "    url: $base/$file" "$@"
}
write_config "$WORK/tcfeed.yaml" \
  "$(connector urlhaus urlhaus csv_recent.zip "    backfill: 36500d")" \
  "$(connector threatfox threatfox csv_recent.csv)" \
  "$(connector feodo feodo ipblocklist.json "    rating: 4")" \
  "$(connector bazaar malwarebazaar recent.csv)" \
  "$(connector listed csv with_header.csv "    value: indicator" "    type_column: kind" \
      "    type_map: {ip: Address, domain: Host, url: URL}" "    rating_column: score" "    confidence_column: confidence")" \
  "$(connector hosts text hosts.txt "    indicator_type: Host")"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"

"$TCFEED" run --once --dry-run "$WORK/dry" --config "$WORK/tcfeed.yaml" 2>"$WORK/dry.log" || fail "dry run: $(cat "$WORK/dry.log")"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 0 "exit code of the connectors run"
total=0
for name in urlhaus threatfox feodo bazaar listed hosts; do
  planned=$(cat "$WORK/dry/$name"-*.json | grep -o '"summary":' | wc -l)
  (( planned > 0 )) || fail "connector $name planned nothing: $(cat "$WORK/dry.log")"
  grep -q "connector $name: [0-9]* records, $planned indicators" <<<"$log" || fail "connector $name did not queue its $planned indicators: $log"
  total=$((total + planned))
done
expect_contains "$log" "owner '$OWNER': $total delivered, 0 rejected by the platform, 0 undelivered" "run log"
# Lists show active indicators only: the Feodo entry whose status is offline is held inactive.
inactive=$(cat "$WORK/dry/feodo"-*.json | grep -o '"active":false' | wc -l)
expect_eq "$inactive" 1 "Feodo entries sent inactive (its status offline)"
held=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --json --limit 10000 | grep -o '"summary":' | wc -l)
expect_eq "$held" "$((total - inactive))" "active indicators held by the platform"

read_one() { "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type "$1" --value "$2" --json; }
expect_contains "$(read_one Address 185.220.101.5)" '"confidence":100' "threatfox confidence_level"
expect_contains "$(read_one Address 162.243.103.246)" '"rating":4' "feodo with the connector's rating"
expect_contains "$(read_one File 5d41402abc4b2a76b9719d911017c592)" '"owner":"Demo Organization"' "malwarebazaar file"
expect_contains "$(read_one URL 'https://xn--bcher-kva.example/Rechnung/payload.exe')" '"summary":"https://xn--bcher-kva.example/Rechnung/payload.exe"' "urlhaus IDN URL"
expect_contains "$(read_one Host evil.example.com)" '"rating":4,"confidence":55' "generic csv rating and confidence columns"

# Unchanged sources: 304 for each, nothing sent, cursors kept.
run_tcfeed "$WORK/run2.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the second run"
for name in urlhaus threatfox feodo bazaar listed hosts; do
  expect_contains "$(cat "$WORK/run2.log")" "connector $name: source not modified since the last run" "second run"
done

# A 402 from the source is reported as rate limiting, not as a parse error.
curl -sS --cacert "$WORK/pki/ca.pem" -X POST -d '{"rules":[{"kind":"status","status":402,"path":"/files/hosts.txt"}]}' \
  "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
echo "c2-host-three.example" >>"$WORK/feeds/hosts.txt"
run_tcfeed "$WORK/run3.log" run --once --config "$WORK/tcfeed.yaml" --connector hosts
expect_eq "$CODE" 1 "exit code when the source rate-limits"
expect_contains "$(cat "$WORK/run3.log")" "HTTP 402 — rate limited by the source" "402 report"

# The abuse.ch key on the wire: each connector polls a one-shot TLS server (openssl s_server, the
# CA from threatconnect.ca_file) that records the request, and answers RESPONSE. The key goes as
# each connector's convention says, and never into the log, even when the source refuses it.
printf 'k3y/with space' >"$WORK/abusech_key"
chmod 600 "$WORK/abusech_key"
wire() {  # NAME TYPE PATH UNTIL RESPONSE — sets REQUEST (what the server read) and CODE
  local name=$1 type=$2 path=$3 until=$4 response=$5 server client port
  rm -f "$WORK/wire.in" "$WORK/wire.out"
  mkfifo "$WORK/wire.in"
  openssl s_server -naccept 1 -accept 127.0.0.1:0 -cert "$WORK/pki/server.pem" -key "$WORK/pki/server.key" \
    <"$WORK/wire.in" >"$WORK/wire.out" 2>&1 &
  server=$!
  exec 3>"$WORK/wire.in"  # the response is written here once the request is in
  for _ in $(seq 100); do grep -q '^ACCEPT' "$WORK/wire.out" && break; sleep 0.05; done
  port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$WORK/wire.out")
  [[ -n "$port" ]] || { kill "$server"; fail "openssl s_server did not start: $(cat "$WORK/wire.out")"; }
  write_config "$WORK/wire.yaml" "  - name: $name" "    type: $type" "    owner: $OWNER" \
    "    url: https://localhost:$port$path" "    auth_key_file: $WORK/abusech_key"
  "$TCFEED" run --once --config "$WORK/wire.yaml" 2>"$WORK/wire-$name.log" &
  client=$!
  for _ in $(seq 200); do grep -q -- "$until" "$WORK/wire.out" && break; sleep 0.05; done
  grep -q -- "$until" "$WORK/wire.out" ||
    { kill "$server" "$client" 2>/dev/null; fail "$name sent no request: $(cat "$WORK/wire-$name.log")"; }
  printf '%b' "$response" >&3
  exec 3>&-
  set +e; wait "$client"; CODE=$?; set -e
  wait "$server" || true
  REQUEST=$(tr -d '\r' <"$WORK/wire.out")
  expect_not_contains "$(cat "$WORK/wire-$name.log")" "k3y" "log of $name"
}
not_modified='HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\n\r\n'
wire urlhaus urlhaus /downloads/csv_recent/ $'^\r$' "$not_modified"
expect_contains "$REQUEST" "GET /downloads/csv_recent/?auth-key=k3y%2Fwith%20space HTTP/1.1" "urlhaus request"
expect_not_contains "$REQUEST" "Auth-Key:" "urlhaus request"
expect_eq "$CODE" 0 "exit code of urlhaus against a 304"
wire bazaar malwarebazaar /export/csv/recent/ $'^\r$' 'HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n'
expect_contains "$REQUEST" "GET /export/csv/recent/?auth-key=k3y%2Fwith%20space HTTP/1.1" "malwarebazaar request"
expect_eq "$CODE" 1 "exit code of malwarebazaar refused"
expect_contains "$(cat "$WORK/wire-bazaar.log")" "/export/csv/recent/?<redacted>: HTTP 401" "malwarebazaar refusal"
wire feodo feodo /downloads/ipblocklist.json $'^\r$' "$not_modified"
expect_contains "$REQUEST" $'GET /downloads/ipblocklist.json HTTP/1.1' "feodo request"
expect_contains "$REQUEST" "Auth-Key: k3y/with space" "feodo request"
expect_eq "$CODE" 0 "exit code of feodo against a 304"
body='{"query_status":"no_result","data":"Your search did not yield any results"}'
wire threatfox threatfox /api/v1/ get_iocs "HTTP/1.1 200 OK\r\nContent-Length: ${#body}\r\n\r\n$body"
expect_contains "$REQUEST" "POST /api/v1/ HTTP/1.1" "threatfox request"
expect_contains "$REQUEST" "Auth-Key: k3y/with space" "threatfox request"
expect_contains "$REQUEST" '{"query":"get_iocs","days":1}' "threatfox request"
expect_eq "$CODE" 0 "exit code of threatfox with no result"
echo "PASS ($total indicators from 6 connectors; the abuse.ch key on the wire)"
