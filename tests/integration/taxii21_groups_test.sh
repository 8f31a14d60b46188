# STIX groups end to end (docs/feeds.md, TAXII 2.1 and STIX 2.1, Groups): a TAXII collection of
# five pages whose malware, report and intrusion set arrive as Malware, Report and Intrusion Set
# groups with their indicators associated — a relationship on a later page than its indicator, a
# report before the indicator its object_refs name — and a second poll sends nothing.
source "$(dirname "$0")/lib.sh"

root="$WORK/feeds/taxii/api1"
mkdir -p "$root"
cp "$TCFEED_SOURCE_DIR/tests/fixtures/taxii/groups_collection.json" "$root/groups.json"
start_sandbox
write_config "$WORK/tcfeed.yaml" \
  "  - name: taxii" "    type: taxii21" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/taxii2/api1/" \
  "    collection: Groups feed" "    backfill: 3650d"
config=$WORK/tcfeed.yaml

expect_contains "$("$TCFEED" connectors taxii21)" "groups" "tcfeed connectors taxii21"

run_tcfeed "$WORK/run1.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the first poll: $(cat "$WORK/run1.log")"
log=$(cat "$WORK/run1.log")
expect_contains "$log" "connector taxii: 9 records, 3 indicators" "first poll"
expect_contains "$log" "connector taxii: 5 records skipped: STIX group or relationship, read for its associations" \
  "first poll"
expect_contains "$log" "connector taxii: 1 record skipped: STIX object other than an indicator" "first poll"
expect_contains "$log" "0 rejected by the platform" "first poll"
expect_not_contains "$log" "association(s) not made" "first poll"
expect_contains "$(sandbox_get /_sandbox/stats)" '"/taxii2/api1/collections/groups/objects/":5' "five pages"

read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
xid=tcfeed:taxii
# The relationship came a page after its indicator.
expect_contains "$(read_one Address 185.216.71.11)" \
  "\"groups\":[{\"type\":\"Malware\",\"name\":\"Emotet\",\"xid\":\"$xid:malware--0a1b2c3d-0003-4000-8000-000000000003\"}]" \
  "Address with its Malware"
expect_contains "$(read_one Host grp-two.taxii.example)" \
  "\"groups\":[{\"type\":\"Report\",\"name\":\"Sandbox quarterly report\",\"xid\":\"$xid:report--0a1b2c3d-0005-4000-8000-000000000005\"}]" \
  "Host with its Report"
three=$(read_one URL http://grp-three.taxii.example/gate)
expect_contains "$three" "{\"type\":\"Report\",\"name\":\"Sandbox quarterly report\"" "URL with its Report (listed before it)"
expect_contains "$three" "{\"type\":\"Intrusion Set\",\"name\":\"Sandbox Set\",\"xid\":\"$xid:intrusion-set--0a1b2c3d-0007-4000-8000-000000000007\"}" \
  "URL with its Intrusion Set (a page after it)"

groups=$("$TCFEED" api --config "$config" GET '/v3/groups?resultLimit=100' 2>/dev/null)
expect_eq "$(grep -o '"xid":"tcfeed:taxii:' <<<"$groups" | wc -l)" 3 "groups in the sandbox: $groups"
emotet=$("$TCFEED" api --config "$config" GET \
  '/v3/groups?tql=name%20%3D%20%22Emotet%22&fields=associatedIndicators&fields=attributes' 2>/dev/null)
expect_contains "$emotet" "185.216.71.11" "Emotet's indicators"

# Nothing added since: nothing sent, no second group.
run_tcfeed "$WORK/run2.log" run --once --config "$config"
expect_contains "$(cat "$WORK/run2.log")" "connector taxii: source not modified since the last run; nothing to do" \
  "second poll"
expect_eq "$("$TCFEED" api --config "$config" GET '/v3/groups?resultLimit=100' 2>/dev/null | grep -o '"xid":"tcfeed:taxii:' | wc -l)" \
  3 "groups after the second poll"
echo "PASS"
