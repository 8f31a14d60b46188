# The misp_feed connector end to end against a MISP feed directory the sandbox serves: every
# event's indicators arrive associated with its Event group (one group per event, named by its
# info), to_ids: false and tlp: tags stay out, ATT&CK galaxy tags become ATT&CK; a second poll with
# an unchanged manifest answers 304 and fetches no event; an event whose manifest timestamp changed
# is fetched again, and no other.
source "$(dirname "$0")/lib.sh"

E1=5f0c2a9e-1b2c-4d3e-8f40-0000000000e1
E2=5f0c2a9e-1b2c-4d3e-8f40-0000000000e2
E3=5f0c2a9e-1b2c-4d3e-8f40-0000000000e3
cp -r "$TCFEED_SOURCE_DIR/tests/fixtures/misp_feed" "$WORK/feeds/misp"
start_sandbox
write_config "$WORK/tcfeed.yaml" "  - name: misp" "    type: misp_feed" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/files/misp/" "    backfill: 3650d"
config=$WORK/tcfeed.yaml

expect_contains "$("$TCFEED" connectors misp_feed)" "to_ids_only" "tcfeed connectors misp_feed"

run_tcfeed "$WORK/run1.log" run --once --config "$config" --connector misp
expect_eq "$CODE" 0 "exit code of the first poll: $(cat "$WORK/run1.log")"
log=$(cat "$WORK/run1.log")
expect_contains "$log" "0 rejected by the platform" "first poll"
stats=$(sandbox_get /_sandbox/stats)
for event in $E1 $E2 $E3; do
  expect_contains "$stats" "\"/files/misp/$event.json\":1" "each event fetched once"
done

groups() { "$TCFEED" api --config "$config" GET "$1" 2>/dev/null; }
all=$(groups '/v3/groups?resultLimit=100')
expect_eq "$(grep -o '"type":"Event"' <<<"$all" | wc -l)" 3 "Event groups: $all"
expect_contains "$all" "\"name\":\"Phishing campaign against finance teams\",\"xid\":\"tcfeed:misp:$E1\"" "groups"

read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
one=$(read_one Host evil-login.example)
expect_contains "$one" "\"groups\":[{\"type\":\"Event\",\"name\":\"Phishing campaign against finance teams\",\"xid\":\"tcfeed:misp:$E1\"}]" "domain of E1"
expect_contains "$one" "phishing" "E1's plain tag"
expect_not_contains "$one" "tlp:white" "a machine tag"
expect_contains "$one" "T1566" "E1's ATT&CK galaxy tag"
expect_contains "$(read_one Address 185.220.101.77)" "tcfeed:misp:$E1" "ip-dst|port of E1"
expect_contains "$(read_one Mutex 'Global\ExampleLoaderMutex')" "tcfeed:misp:$E2" "mutex of E2"
expect_contains "$(read_one File dc8408b2861e12618292b58dfa4fb551)" "tcfeed:misp:$E2" "a file object's md5 of E2"
expect_contains "$(read_one Address 185.220.101.78)" "tcfeed:misp:$E3" "ip-src of E3"
table=$("$TCFEED" indicators --config "$config" --owner "$OWNER")
expect_not_contains "$table" "benign-cdn.example" "a to_ids: false attribute"

# Unchanged manifest: one conditional request, 304, no event fetched.
curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
run_tcfeed "$WORK/run2.log" run --once --config "$config" --connector misp
expect_eq "$CODE" 0 "exit code of the second poll"
expect_contains "$(cat "$WORK/run2.log")" "not modified" "second poll"
stats=$(sandbox_get /_sandbox/stats)
expect_contains "$stats" '"path":"/files/misp/manifest.json","status":304' "the manifest's conditional request"
expect_not_contains "$stats" "-0000000000e" "events fetched by the second poll: $stats"

# E1 changes (a new attribute, a newer timestamp): only E1 is fetched.
python3 - "$WORK/feeds/misp" "$E1" <<'PY'
import json, sys
root, uuid = sys.argv[1], sys.argv[2]
event = json.load(open(f"{root}/{uuid}.json"))
event["Event"]["timestamp"] = "1796100000"
event["Event"]["Attribute"].append({"type": "domain", "value": "evil-login2.example", "to_ids": True})
json.dump(event, open(f"{root}/{uuid}.json", "w"))
manifest = json.load(open(f"{root}/manifest.json"))
manifest[uuid]["timestamp"] = 1796100000
json.dump(manifest, open(f"{root}/manifest.json", "w"))
PY
curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
run_tcfeed "$WORK/run3.log" run --once --config "$config" --connector misp
expect_eq "$CODE" 0 "exit code of the third poll: $(cat "$WORK/run3.log")"
stats=$(sandbox_get /_sandbox/stats)
expect_contains "$stats" "\"/files/misp/$E1.json\":1" "the changed event fetched: $stats"
expect_not_contains "$stats" "$E2.json" "an unchanged event: $stats"
expect_not_contains "$stats" "$E3.json" "an unchanged event: $stats"
expect_contains "$(read_one Host evil-login2.example)" "tcfeed:misp:$E1" "E1's new attribute"
expect_eq "$(groups '/v3/groups?resultLimit=100' | grep -o '"type":"Event"' | wc -l)" 3 "Event groups after the third poll"
echo "misp_feed: ok"
