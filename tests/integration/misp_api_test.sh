# The misp connector end to end against the sandbox's MISP REST API (tests/fixtures/misp_api):
# ten to_ids attributes of three events over four pages of three (two page boundaries between
# attributes of one timestamp) arrive exactly once, each associated with its Event group; to_ids:
# false attributes and tlp: tags stay out, ATT&CK galaxy tags become ATT&CK tags; a second poll
# with nothing new sends nothing; an event added between polls arrives on the next one; a wrong
# key fails the poll with an error naming the connector, and the key is never printed.
source "$(dirname "$0")/lib.sh"

E1=7b1e0c4a-2f3d-4e5f-8a6b-0000000000e1
E2=7b1e0c4a-2f3d-4e5f-8a6b-0000000000e2
E3=7b1e0c4a-2f3d-4e5f-8a6b-0000000000e3
E4=7b1e0c4a-2f3d-4e5f-8a6b-0000000000e4
instance="$WORK/feeds/misp/main"
mkdir -p "$instance"
cp "$TCFEED_SOURCE_DIR/tests/fixtures/misp_api/instance/events.json" "$instance/events.json"
key="misp-key-$(openssl rand -hex 16)"
printf '%s' "$key" >"$WORK/misp_key"
chmod 600 "$WORK/misp_key"
printf '%s' "$key" >"$instance/_auth"
start_sandbox
write_config "$WORK/tcfeed.yaml" "  - name: mispapi" "    type: misp" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/misp/main/" "    auth_key_file: $WORK/misp_key" "    backfill: 3650d" \
  "    page_size: 3"
config=$WORK/tcfeed.yaml
clear_stats() { curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null; }
# The pages the sandbox was asked for, in order ("page=1 page=2 …").
pages_asked() { sandbox_get /_sandbox/stats | grep -o '"detail":"page=[0-9]*' | sed 's/"detail":"//' | tr '\n' ' '; }
jobs_created() { sandbox_get /_sandbox/stats | grep -o '"method":"POST","path":"/api/v2/batch"' | wc -l; }

run_tcfeed "$WORK/run1.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the first poll: $(cat "$WORK/run1.log")"
log=$(cat "$WORK/run1.log")
expect_contains "$log" "connector mispapi: 10 records, 10 indicators, 0 rejected, 0 dropped, 0 duplicates, 0 unchanged" \
  "first poll (each attribute once across the pages)"
expect_contains "$log" "owner 'Demo Organization': 10 delivered" "first poll"
expect_eq "$(pages_asked)" "page=1 page=2 page=3 page=4 " "pages of the first poll"
expect_not_contains "$log" "$key" "first poll's log"

groups() { "$TCFEED" api --config "$config" GET "$1" 2>/dev/null; }
all=$(groups '/v3/groups?resultLimit=100')
expect_eq "$(grep -o '"type":"Event"' <<<"$all" | wc -l)" 3 "Event groups: $all"
expect_contains "$all" "\"name\":\"Ransomware staging\",\"xid\":\"tcfeed:mispapi:$E3\"" "groups"
read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
# Every attribute with its event, on either side of each page boundary.
for spec in "Address 185.220.102.31 $E3" "Host stage.ransom-kit.example $E3" \
  "File 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 $E3" \
  "URL http://stage.ransom-kit.example/drop.bin $E3" "EmailAddress lure@phish-wave.example $E2" \
  "URL https://phish-wave.example/login $E2" "Host mail.phish-wave.example $E2" "Address 185.220.102.24 $E2" \
  "File 0cc175b9c0f1b6a831c399e269772661 $E1" 'Mutex Global\LoaderMutex1 '"$E1"; do
  read -r type value event <<<"$spec"
  expect_contains "$(read_one "$type" "$value")" "\"xid\":\"tcfeed:mispapi:$event\"" "$type $value with its event"
done
one=$(read_one Host stage.ransom-kit.example)
expect_contains "$one" "ransomware" "an event's plain tag"
expect_contains "$one" "T1486" "an event's ATT&CK galaxy tag"
expect_not_contains "$one" "tlp:" "a tlp: machine tag"
expect_contains "$(read_one File 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824)" "encryptor" \
  "an attribute's own tag"
expect_contains "$(read_one URL https://phish-wave.example/login)" "T1566" "E2's ATT&CK galaxy tag"
table=$("$TCFEED" indicators --config "$config" --owner "$OWNER")
expect_contains "$table" "10 indicators" "indicators at the sandbox"
expect_not_contains "$table" "benign-update.example" "a to_ids: false attribute"
expect_not_contains "$table" "185.220.102.25" "a to_ids: false attribute"

# Nothing new: the overlap reads the attributes again, and none is sent.
clear_stats
run_tcfeed "$WORK/run2.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the second poll"
log=$(cat "$WORK/run2.log")
expect_contains "$log" "connector mispapi: 10 records, 0 indicators, 0 rejected, 0 dropped, 0 duplicates, 10 unchanged" \
  "second poll"
expect_contains "$log" "owner 'Demo Organization': 0 delivered" "second poll"
expect_eq "$(jobs_created)" 0 "jobs of the second poll"

# An event added between polls comes first (MISP lists the newest event first) and arrives.
python3 - "$instance/events.json" <<'EOF'
import json, sys
path = sys.argv[1]
data = json.load(open(path))
data["events"].append({"Event": {"id": "4", "uuid": "7b1e0c4a-2f3d-4e5f-8a6b-0000000000e4", "info": "New infrastructure",
    "date": "2026-12-01", "timestamp": "1796000400",
    "Tag": [{"name": "tlp:green"}, {"name": "misp-galaxy:mitre-attack-pattern=\"Command and Scripting Interpreter - T1059\""}],
    "Attribute": [
        {"id": "41", "uuid": "7b1e0c4a-2f3d-4e5f-8a6b-000000000041", "type": "ip-dst", "value": "185.220.102.41",
         "to_ids": True, "timestamp": "1796000400"},
        {"id": "42", "uuid": "7b1e0c4a-2f3d-4e5f-8a6b-000000000042", "type": "domain", "value": "new-c2.example",
         "to_ids": True, "timestamp": "1796000400"}]}})
json.dump(data, open(path, "w"))
EOF
clear_stats
run_tcfeed "$WORK/run3.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the third poll"
log=$(cat "$WORK/run3.log")
expect_contains "$log" "connector mispapi: 12 records, 2 indicators, 0 rejected, 0 dropped, 0 duplicates, 10 unchanged" \
  "third poll"
expect_contains "$log" "owner 'Demo Organization': 2 delivered" "third poll"
expect_contains "$(read_one Host new-c2.example)" "\"xid\":\"tcfeed:mispapi:$E4\"" "the new event's domain"
expect_contains "$(read_one Address 185.220.102.41)" "T1059" "the new event's ATT&CK tag"
expect_contains "$("$TCFEED" indicators --config "$config" --owner "$OWNER")" "12 indicators" "indicators after the new event"

# A wrong key: the poll fails, naming the connector; neither key is printed anywhere.
printf 'not-the-%s' "$key" >"$WORK/misp_key"
run_tcfeed "$WORK/denied.log" run --once --config "$config"
log=$(cat "$WORK/denied.log")
(( CODE != 0 )) || fail "a refused key must fail the run: $log"
expect_contains "$log" "mispapi" "refused key"
expect_contains "$log" "401" "refused key"
expect_not_contains "$log" "$key" "refused key's log"
expect_not_contains "$(cat "$WORK/sandbox.log" "$WORK/sandbox.out")" "$key" "sandbox log"
echo "PASS"
