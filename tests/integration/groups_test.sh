# Groups end to end (docs/threatconnect.md, Groups): ThreatFox's malware families arrive in the
# sandbox as Malware groups with their indicators associated; a group shared by two indicators is
# written once in the job, before them; a second run adds to the same group and creates no second
# one; the sandbox refuses an associatedGroups reference to an xid it has no group for, as the
# platform does, in the job's errors.
source "$(dirname "$0")/lib.sh"
fixtures=$TCFEED_SOURCE_DIR/tests/fixtures
cp "$fixtures/threatfox/csv_recent.csv" "$WORK/feeds/threatfox.csv"
# A second IOC of Mozi, so one job carries two indicators of one family.
echo '"2024-05-14 10:16:00", "1278402", "mozi-peer.example", "domain", "botnet_cc", "elf.mozi", "None", "Mozi", "", "80", "0", "None", "None", "0", "abuse_ch"' \
  >>"$WORK/feeds/threatfox.csv"
start_sandbox server --running-polls 0
write_config "$WORK/tcfeed.yaml" "  - name: threatfox" "    type: threatfox" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/files/threatfox.csv"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
config=$WORK/tcfeed.yaml

expect_contains "$("$TCFEED" connectors threatfox)" "groups" "tcfeed connectors threatfox"

# What the first run sends: one job, the groups first, each once.
"$TCFEED" run --once --dry-run "$WORK/dry1" --config "$config" 2>"$WORK/dry1.log" || fail "dry run: $(cat "$WORK/dry1.log")"
doc=$(cat "$WORK/dry1"/threatfox-*.json)
[[ $doc == '{"group":['* ]] || fail "the document does not start with its groups: $doc"
expect_eq "$(grep -o '"xid":"tcfeed:threatfox:Mozi"' <<<"$doc" | wc -l)" 1 "Mozi groups in the job"
expect_eq "$(grep -o '"groupXid":"tcfeed:threatfox:Mozi"' <<<"$doc" | wc -l)" 2 "indicators referencing Mozi"
# "Unknown malware" and "None" name no family; Remcos's only indicator is a documentation address
# the reserved ranges drop, so its group goes nowhere either.
expect_not_contains "$doc" '"name":"Unknown malware"' "group of no family"
expect_not_contains "$doc" '"name":"None"' "group of no family"
expect_not_contains "$doc" "tcfeed:threatfox:Remcos" "group without an indicator sent"

run_tcfeed "$WORK/run1.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the first run: $(cat "$WORK/run1.log")"
expect_contains "$(cat "$WORK/run1.log")" "0 rejected by the platform" "first run"

groups() { "$TCFEED" api --config "$config" GET "$1" 2>/dev/null; }
all=$(groups '/v3/groups?resultLimit=100')
expect_eq "$(grep -o '"type":"Malware"' <<<"$all" | wc -l)" 5 "Malware groups after the first run: $all"
for family in "Cobalt Strike" "Mozi" "Loki Password Stealer (PWS)" "Agent Tesla" "QakBot"; do
  expect_contains "$all" "\"name\":\"$family\",\"xid\":\"tcfeed:threatfox:$family\"" "groups"
done

read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
expect_contains "$(read_one Address 185.220.101.5)" \
  '"groups":[{"type":"Malware","name":"Cobalt Strike","xid":"tcfeed:threatfox:Cobalt Strike"}]' "Cobalt Strike C2"
expect_contains "$(read_one Host mozi-peer.example)" '"name":"Mozi"' "second Mozi indicator"
expect_contains "$(read_one Host evil-c2.example.com)" '"groups":[]' "indicator of unknown malware"
table=$("$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type Address --value 185.220.101.5)
expect_contains "$table" "GROUPS" "indicator table"
expect_contains "$table" "Malware: Cobalt Strike" "indicator table"

# A new IOC of a family already on the platform: the job carries the group again (a reference
# must not depend on another job having run first), the platform updates it, no second group.
echo '"2024-05-14 10:20:00", "1278403", "cs-next.example", "domain", "botnet_cc", "win.cobalt_strike", "None", "Cobalt Strike", "", "90", "0", "None", "None", "0", "abuse_ch"' \
  >>"$WORK/feeds/threatfox.csv"
"$TCFEED" run --once --dry-run "$WORK/dry2" --config "$config" 2>"$WORK/dry2.log" || fail "dry run: $(cat "$WORK/dry2.log")"
doc=$(cat "$WORK/dry2"/threatfox-*.json)
expect_contains "$doc" '"xid":"tcfeed:threatfox:Cobalt Strike"' "second run's job"
expect_not_contains "$doc" '"xid":"tcfeed:threatfox:Mozi"' "second run's job (an unchanged group without new indicators)"
run_tcfeed "$WORK/run2.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the second run: $(cat "$WORK/run2.log")"
all=$(groups '/v3/groups?resultLimit=100')
expect_eq "$(grep -o '"type":"Malware"' <<<"$all" | wc -l)" 5 "Malware groups after the second run: $all"
cobalt=$(groups '/v3/groups?tql=name%20%3D%20%22Cobalt%20Strike%22&fields=associatedIndicators')
expect_contains "$cobalt" '"summary":"185.220.101.5"' "Cobalt Strike's indicators"
expect_contains "$cobalt" '"summary":"cs-next.example"' "Cobalt Strike's indicators"

# Nothing new: nothing sent, and still five groups.
run_tcfeed "$WORK/run3.log" run --once --config "$config"
expect_eq "$CODE" 0 "exit code of the third run"
expect_eq "$(groups '/v3/groups?resultLimit=100' | grep -o '"type":"Malware"' | wc -l)" 5 "Malware groups after the third run"

# An associatedGroups reference to an xid no group has: an association error in /errors.
signed() {  # METHOD TARGET [curl args...]
  local headers
  headers=$("$TCFEED" sign --config "$config" "$1" "$2")
  curl -sS --cacert "$WORK/pki/ca.pem" -X "$1" -H "$(grep '^Timestamp:' <<<"$headers")" \
    -H "$(grep '^Authorization:' <<<"$headers")" "${@:3}" "https://localhost:$SANDBOX_PORT/api$2"
}
printf '{"version":"V2","owner":"%s","haltOnError":false,"action":"Create","attributeWriteType":"Singleton"}' \
  "$OWNER" >"$WORK/settings.json"
job=$("$TCFEED" api --config "$config" POST /v2/batch --data "$WORK/settings.json" 2>/dev/null)
id=$(grep -o '"batchId":[0-9]*' <<<"$job" | cut -d: -f2)
[[ -n $id ]] || fail "no batch job: $job"
printf '{"indicator":[{"type":"Host","summary":"orphan.example","associatedGroups":[{"groupXid":"tcfeed:nowhere:x"}]}]}' \
  >"$WORK/orphan.json"
signed POST "/v2/batch/$id" -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/orphan.json" >/dev/null
status=$("$TCFEED" api --config "$config" GET "/v2/batch/$id" 2>/dev/null)
expect_contains "$status" '"errorCount":1' "job with an unknown group xid"
errors=$(signed GET "/v2/batch/$id/errors" --compressed)
expect_contains "$errors" "0x1009" "job errors"
expect_contains "$errors" 'tcfeed:nowhere:x' "job errors"
echo "groups: ok"
