# STIX associations across polls (docs/feeds.md, TAXII 2.1 and STIX 2.1, Groups): poll 1 serves an
# indicator, a malware and an intrusion set; poll 2 serves only the relationships — indicator
# indicates malware, malware attributed-to intrusion set, and one to a malware tcfeed never read.
# After poll 2 the sandbox has the indicator associated with the Malware group and the two groups
# with each other (the batch's association[] array), and the unknown end is counted, not sent.
source "$(dirname "$0")/lib.sh"

root="$WORK/feeds/taxii/api1"
mkdir -p "$root"
ago() { date -u -d "-$1 hours" +%Y-%m-%dT%H:%M:%S.000Z; }
T1=$(ago 30) T2=$(ago 20)
ind=indicator--5c1d2e3f-0001-4000-8000-000000000001
mal=malware--5c1d2e3f-0002-4000-8000-000000000002
set=intrusion-set--5c1d2e3f-0003-4000-8000-000000000003
ghost=malware--5c1d2e3f-0009-4000-8000-000000000009
object() { printf '{"date_added":"%s","object":{"spec_version":"2.1","created":"%s","modified":"%s",%s}}' "$1" "$1" "$1" "$2"; }
poll1=("$(object "$T1" "\"type\":\"indicator\",\"id\":\"$ind\",\"pattern_type\":\"stix\",\"valid_from\":\"$T1\",\"pattern\":\"[domain-name:value = 'links.taxii.example']\"")"
  "$(object "$T1" "\"type\":\"malware\",\"id\":\"$mal\",\"name\":\"LinkBot\",\"is_family\":true")"
  "$(object "$T1" "\"type\":\"intrusion-set\",\"id\":\"$set\",\"name\":\"Link Set\"")")
rel() { object "$T2" "\"type\":\"relationship\",\"id\":\"relationship--5c1d2e3f-010$1-4000-8000-00000000010$1\",\"relationship_type\":\"$2\",\"source_ref\":\"$3\",\"target_ref\":\"$4\""; }
poll2=("$(rel 1 indicates "$ind" "$mal")" "$(rel 2 attributed-to "$mal" "$set")" "$(rel 3 indicates "$ind" "$ghost")")
collection() {
  local IFS=,
  printf '{"title":"Links","objects":[%s]}' "$*" >"$root/links.json"
}
collection "${poll1[@]}"
start_sandbox
write_config "$WORK/tcfeed.yaml" \
  "  - name: links" "    type: taxii21" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/taxii2/api1/" \
  "    collection: Links"
config=$WORK/tcfeed.yaml
read_host() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type Host --value links.taxii.example --json; }

run_tcfeed "$WORK/run1.log" run --once --config "$config"
log=$(cat "$WORK/run1.log")
expect_eq "$CODE" 0 "exit code of poll 1: $log"
expect_contains "$log" "connector links: 3 records, 1 indicator" "poll 1"
expect_contains "$log" "0 rejected by the platform" "poll 1"
expect_contains "$(read_host)" '"groups":[]' "the indicator has no group after poll 1"
groups=$("$TCFEED" api --config "$config" GET '/v3/groups?resultLimit=100' 2>/dev/null)
# The groups no indicator of poll 1 belonged to were sent alone, so a later relationship finds them.
expect_contains "$groups" "\"xid\":\"tcfeed:links:$mal\"" "Malware group after poll 1"
expect_contains "$groups" "\"xid\":\"tcfeed:links:$set\"" "Intrusion Set group after poll 1"

# Poll 2: only the relationships.
collection "${poll1[@]}" "${poll2[@]}"
run_tcfeed "$WORK/run2.log" run --once --config "$config"
log=$(cat "$WORK/run2.log")
expect_eq "$CODE" 0 "exit code of poll 2: $log"
expect_contains "$log" "connector links: 3 records, 0 indicators" "poll 2"
expect_contains "$log" "2 records skipped: STIX group or relationship, read for its associations" "poll 2"
expect_contains "$log" "1 record unmapped: STIX relationship to an object tcfeed has not mapped" "poll 2"
expect_contains "$log" "0 rejected by the platform" "poll 2"
expect_contains "$(read_host)" \
  "\"groups\":[{\"type\":\"Malware\",\"name\":\"LinkBot\",\"xid\":\"tcfeed:links:$mal\"}]" \
  "the indicator associated with its Malware after poll 2"
linked=$("$TCFEED" api --config "$config" GET \
  '/v3/groups?tql=name%20%3D%20%22LinkBot%22&fields=associatedGroups&fields=associatedIndicators' 2>/dev/null)
expect_contains "$linked" "\"name\":\"Link Set\"" "the Malware associated with the Intrusion Set"
expect_contains "$linked" "links.taxii.example" "the Malware's indicators"
# The platform refused nothing: the unknown end never reached it.
expect_not_contains "$log" "platform rejected" "poll 2"

# A poll with nothing new sends nothing; the state keeps the mapped ids.
run_tcfeed "$WORK/run3.log" run --once --config "$config"
expect_contains "$(cat "$WORK/run3.log")" "connector links: source not modified since the last run; nothing to do" \
  "poll 3"
expect_eq "$(sqlite3 "$WORK/state.db" 'SELECT count(*) FROM source_refs')" 3 "source ids kept in the state file"
echo "PASS"
