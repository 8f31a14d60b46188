# The otx connector end to end against pages the sandbox serves: three pages of subscribed pulses
# chained by `next`; each pulse arrives as a Report group with its indicators associated; types
# OTX has and tcfeed does not map are counted, inactive and expired indicators are not sent, a
# pulse older than backfill is not read; a second poll (from the cursor less the overlap) sends
# nothing; a saved page (file://) is read the same way. The key never appears in the log.
source "$(dirname "$0")/lib.sh"

pages="$WORK/feeds/otx"
mkdir -p "$pages/api/v1/pulses"
printf 's3cret-otx-key' >"$WORK/otx_key"
chmod 600 "$WORK/otx_key"
start_sandbox server --running-polls 0

# OTX writes dates without a zone: "2026-01-05T10:00:00.123000".
ago() { date -u -d "-$1 hours" +%Y-%m-%dT%H:%M:%S.123000; }
P1=$(ago 50) P2=$(ago 30) P3=$(ago 10) OLD=$(ago 240) PAST=$(ago 1) FUTURE=$(date -u -d "+30 days" +%Y-%m-%dT%H:%M:%S)
indicator() { # TYPE VALUE [EXTRA] [IS_ACTIVE]
  printf '{"id":%d,"type":"%s","indicator":"%s","title":"","description":"","created":"%s","is_active":%s%s}' \
    "$RANDOM" "$1" "$2" "$P1" "${4:-1}" "${3:-}"
}
pulse() { # ID NAME MODIFIED ATTACK TAGS INDICATORS...
  local id=$1 name=$2 modified=$3 attack=$4 tags=$5
  shift 5
  local IFS=,
  printf '{"id":"%s","name":"%s","description":"Pulse %s, described.","author_name":"analyst","public":1,"revision":2,"tlp":"white","adversary":"","malware_families":[],"industries":[],"targeted_countries":[],"references":["https://blog.example/%s"],"attack_ids":[%s],"tags":[%s],"created":"%s","modified":"%s","indicators":[%s]}' \
    "$id" "$name" "$name" "$id" "$attack" "$tags" "$modified" "$modified" "$*"
}
base="https://localhost:$SANDBOX_PORT/files/otx"
printf '{"count":4,"next":"%s","results":[%s]}' "$base/page2.json?page=2" "$(pulse 6650a1 "Phishing wave" "$P1" '"T1566"' '"phishing","otx-test"' \
  "$(indicator IPv4 185.216.71.10)" "$(indicator domain phish.otx.example)" \
  "$(indicator URL http://phish.otx.example/login)" "$(indicator CVE CVE-2024-3400)" \
  "$(indicator IPv4 185.216.71.11 '' 0)" \
  "$(indicator hostname gone.otx.example ",\"expiration\":\"$PAST\"")")" >"$pages/api/v1/pulses/subscribed"
printf '{"count":4,"next":"%s","results":[%s]}' "$base/page3.json?page=3" "$(pulse 6650b2 "Loader drops" "$P2" \
  '{"id":"T1059","name":"Command and Scripting Interpreter","display_name":"T1059 - Command and Scripting Interpreter"}' '"loader"' \
  "$(indicator FileHash-SHA256 aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f)" \
  "$(indicator email drop@otx.example)" "$(indicator CIDR 45.9.148.0/24 ",\"expiration\":\"$FUTURE\"")" \
  "$(indicator YARA rule_x)")" >"$pages/page2.json"
printf '{"count":4,"next":null,"results":[%s,%s]}' \
  "$(pulse 6650c3 "Fresh C2" "$P3" '' '' "$(indicator IPv6 2a0b:4140:1::10)" "$(indicator FileHash-MD5 44d88612fea8a8f36de82e1278abb02f)")" \
  "$(pulse 66509f "Old news" "$OLD" '' '' "$(indicator domain old.otx.example)")" >"$pages/page3.json"

write_config "$WORK/tcfeed.yaml" "  - name: otx" "    type: otx" "    owner: $OWNER" "    url: $base" \
  "    auth_key_file: $WORK/otx_key"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
config=$WORK/tcfeed.yaml
expect_contains "$("$TCFEED" connectors otx)" "overlap" "tcfeed connectors otx"

# The document: each pulse's Report first, with its Description and Source; the indicators reference it.
"$TCFEED" run --once --dry-run "$WORK/dry1" --config "$config" 2>"$WORK/dry1.log" || fail "dry run: $(cat "$WORK/dry1.log")"
doc=$(cat "$WORK/dry1"/otx-*.json)
[[ $doc == '{"group":['* ]] || fail "the document does not start with its groups: $doc"
expect_contains "$doc" '"value":"https://otx.alienvault.com/pulse/6650a1"' "Source attribute"
expect_contains "$doc" '"value":"Pulse Phishing wave, described."' "Description attribute"
expect_eq "$(grep -o '"groupXid":"tcfeed:otx:6650a1"' <<<"$doc" | wc -l)" 3 "indicators referencing pulse 1"

run_tcfeed "$WORK/run1.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the first poll: $(cat "$WORK/run1.log")"
log=$(cat "$WORK/run1.log")
expect_contains "$log" "connector otx: 13 records, 8 indicators, 0 rejected" "first poll"
expect_contains "$log" "2 records unmapped: OTX indicator type tcfeed does not map" "first poll"
expect_contains "$log" "1 record skipped: no longer active at its source" "first poll"
expect_contains "$log" "1 record skipped: past its valid_until or expiration" "first poll"
expect_contains "$log" "1 record skipped: older than backfill" "first poll"
expect_contains "$log" "owner 'Demo Organization': 8 delivered" "first poll"
expect_contains "$log" "0 rejected by the platform" "first poll"
expect_not_contains "$log" "s3cret-otx-key" "first poll's log"
stats=$(sandbox_get /_sandbox/stats)
for page in /files/otx/api/v1/pulses/subscribed /files/otx/page2.json /files/otx/page3.json; do
  expect_contains "$stats" "\"$page\":2" "sandbox stats (each page once per run, by next: the dry run and the first poll)"
done

groups() { "$TCFEED" api --config "$config" GET "$1" 2>/dev/null; }
all=$(groups '/v3/groups?resultLimit=100')
expect_eq "$(grep -o '"type":"Report"' <<<"$all" | wc -l)" 3 "Report groups after the first poll: $all"
for name in "Phishing wave" "Loader drops" "Fresh C2"; do expect_contains "$all" "\"name\":\"$name\"" "Report groups"; done
expect_not_contains "$all" "Old news" "a pulse older than backfill"

read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
one=$(read_one Address 185.216.71.10)
expect_contains "$one" '"name":"Phishing wave","xid":"tcfeed:otx:6650a1"' "an IPv4 of pulse 1, associated"
expect_contains "$one" 'phishing' "pulse tag"
expect_contains "$one" 'T1566' "pulse attack id as an ATT&CK tag"
expect_contains "$(read_one File aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f)" \
  '"xid":"tcfeed:otx:6650b2"' "a hash of pulse 2, associated"
expect_contains "$(read_one File aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f)" 'T1059' \
  "attack id given as an object"
expect_contains "$(read_one CIDR 45.9.148.0/24)" '"xid":"tcfeed:otx:6650b2"' "a CIDR with a future expiration"
expect_contains "$(read_one Address 2a0b:4140:1::10)" '"xid":"tcfeed:otx:6650c3"' "an IPv6 of pulse 3"
table=$("$TCFEED" indicators --config "$config" --owner "$OWNER")
expect_contains "$table" "8 indicators" "indicators read back"
for value in phish.otx.example http://phish.otx.example/login drop@otx.example 44d88612fea8a8f36de82e1278abb02f; do
  expect_contains "$table" "$value" "indicators read back"
done
for value in 185.216.71.11 gone.otx.example old.otx.example CVE-2024-3400; do
  expect_not_contains "$table" "$value" "indicators read back"
done

# Nothing new: the server ignores modified_since here (static pages), so the connector leaves out
# what is older than the cursor less the overlap and finds the newest pulse unchanged; nothing sent.
run_tcfeed "$WORK/run2.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the second poll"
log=$(cat "$WORK/run2.log")
expect_contains "$log" "connector otx: 13 records, 0 indicators, 0 rejected, 0 dropped, 0 duplicates, 2 unchanged" \
  "second poll"
expect_contains "$log" "11 records skipped: already read" "second poll"
expect_contains "$log" "owner 'Demo Organization': 0 delivered" "second poll"
expect_eq "$(groups '/v3/groups?resultLimit=100' | grep -o '"type":"Report"' | wc -l)" 3 "Report groups after the second poll"

# groups: false: the indicators without their Report.
cp "$pages/page3.json" "$WORK/saved.json"
write_config "$WORK/saved.yaml" "  - name: saved" "    type: otx" "    owner: $OWNER" "    url: file://$WORK/saved.json" \
  "    groups: false" "    backfill: 30d"
"$TCFEED" run --once --dry-run "$WORK/dry" --config "$WORK/saved.yaml" 2>"$WORK/dry.log" || fail "dry run: $(cat "$WORK/dry.log")"
doc=$(cat "$WORK/dry"/saved-*.json)
expect_contains "$doc" "2a0b:4140:1::10" "saved page"
expect_contains "$doc" "old.otx.example" "saved page with a 30-day backfill"
expect_not_contains "$doc" '"group"' "saved page without groups"
echo "PASS"
