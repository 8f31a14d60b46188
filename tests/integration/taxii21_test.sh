# The taxii21 connector end to end against the sandbox's TAXII 2.1 server, with basic auth: a
# collection of three pages (by `next`, two objects added at one instant across a page boundary)
# is ingested exactly once across two polls, and a poll with nothing new sends nothing; a server
# that pages without `next` and treats added_after as inclusive sends the boundary objects again,
# and they are not sent twice; a STIX bundle file maps its supported patterns and counts the rest.
source "$(dirname "$0")/lib.sh"

root="$WORK/feeds/taxii/api1"
mkdir -p "$root"
printf 's3cret-taxii-password' >"$WORK/taxii_password"
chmod 600 "$WORK/taxii_password"
printf 'Basic %s' "$(printf 'feeduser:s3cret-taxii-password' | base64)" >"$root/_auth"
start_sandbox

# A date N hours ago, as a TAXII server writes date_added (inside the 7-day backfill).
ago() { date -u -d "-$1 hours" +%Y-%m-%dT%H:%M:%S.000Z; }
T1=$(ago 50) T2=$(ago 40) T3=$(ago 30) T4=$(ago 20) T5=$(ago 10)
entry() { # DATE_ADDED N PATTERN
  printf '{"date_added":"%s","object":{"type":"indicator","spec_version":"2.1","id":"indicator--%s","created":"%s","modified":"%s","pattern_type":"stix","valid_from":"%s","pattern":"%s","confidence":70,"labels":["taxii-test"]}}' \
    "$1" "$2" "$1" "$1" "$1" "$3"
}
collection() { # FILE SETTINGS ENTRIES...
  local file=$1 settings=$2
  shift 2
  local IFS=,
  printf '{%s,"objects":[%s]}' "$settings" "$*" >"$file"
}
page12=("$(entry "$T1" 1 "[ipv4-addr:value = '185.216.71.1']")"
  "$(entry "$T2" 2 "[domain-name:value = 'two.taxii.example']")"
  "$(entry "$T2" 3 "[url:value = 'http://three.taxii.example/gate']")"
  "$(entry "$T3" 4 "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")")
page3=("$(entry "$T4" 5 "[email-addr:value = 'five@taxii.example']")"
  "$(entry "$T5" 6 "[ipv4-addr:value = '45.9.148.0/24'] OR [ipv4-addr:value = '185.216.71.6']")")
collection "$root/main.json" '"title":"Main feed","page_size":2,"next":true' "${page12[@]}"

write_config "$WORK/tcfeed.yaml" \
  "  - name: taxii" "    type: taxii21" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/taxii2/api1/" \
  "    collection: Main feed" "    auth_basic_user: feeduser" "    auth_secret_file: $WORK/taxii_password"

run_tcfeed "$WORK/run1.log" run --once --config "$WORK/tcfeed.yaml" --connector taxii
expect_eq "$CODE" 0 "exit code of the first poll"
log=$(cat "$WORK/run1.log")
expect_contains "$log" "connector taxii: 4 records, 4 indicators" "first poll"
expect_contains "$log" "owner 'Demo Organization': 4 delivered" "first poll"
expect_not_contains "$log" "s3cret-taxii-password" "first poll's log"
stats=$(sandbox_get /_sandbox/stats)
expect_contains "$stats" '"/taxii2/api1/collections/main/objects/":2' "sandbox stats (two pages by next)"

# Page 3 appears: the second poll reads only it.
collection "$root/main.json" '"title":"Main feed","page_size":2,"next":true' "${page12[@]}" "${page3[@]}"
run_tcfeed "$WORK/run2.log" run --once --config "$WORK/tcfeed.yaml" --connector taxii
expect_eq "$CODE" 0 "exit code of the second poll"
log=$(cat "$WORK/run2.log")
expect_contains "$log" "connector taxii: 2 records, 3 indicators, 0 rejected, 0 dropped, 0 duplicates, 0 unchanged" \
  "second poll"
expect_contains "$log" "owner 'Demo Organization': 3 delivered" "second poll"

# Nothing new: nothing sent, no job.
run_tcfeed "$WORK/run3.log" run --once --config "$WORK/tcfeed.yaml" --connector taxii
expect_eq "$CODE" 0 "exit code of the third poll"
log=$(cat "$WORK/run3.log")
expect_contains "$log" "connector taxii: source not modified since the last run; nothing to do" "third poll"
expect_contains "$log" "owner 'Demo Organization': 0 delivered" "third poll"
table=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER")
expect_contains "$table" "7 indicators" "indicators read back (each object's values once)"
for value in 185.216.71.1 two.taxii.example http://three.taxii.example/gate five@taxii.example 45.9.148.0/24 \
  185.216.71.6 aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f; do
  expect_contains "$table" "$value" "indicators read back"
done
one=$("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value two.taxii.example --json)
expect_contains "$one" '"confidence":70' "confidence read back"
expect_contains "$one" 'taxii-test' "label read back as a tag"

# Inclusive added_after, no next: the boundary objects come again and are unchanged, not re-sent.
collection "$root/incl.json" '"title":"Inclusive","page_size":3,"next":false,"added_after":"inclusive"' \
  "$(entry "$T1" 11 "[domain-name:value = 'i1.taxii.example']")" "$(entry "$T2" 12 "[domain-name:value = 'i2.taxii.example']")" \
  "$(entry "$T2" 13 "[domain-name:value = 'i3.taxii.example']")" "$(entry "$T3" 14 "[domain-name:value = 'i4.taxii.example']")" \
  "$(entry "$T4" 15 "[domain-name:value = 'i5.taxii.example']")"
write_config "$WORK/incl.yaml" \
  "  - name: incl" "    type: taxii21" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/taxii2/api1" \
  "    collection: incl" "    auth_basic_user: feeduser" "    auth_secret_file: $WORK/taxii_password"
run_tcfeed "$WORK/incl1.log" run --once --config "$WORK/incl.yaml"
expect_eq "$CODE" 0 "exit code of the inclusive poll"
expect_contains "$(cat "$WORK/incl1.log")" "connector incl: 8 records, 5 indicators, 0 rejected, 0 dropped, 3 duplicates" \
  "inclusive poll (each page begins with the last one's last instant: i2, i3, i4 twice)"
run_tcfeed "$WORK/incl2.log" run --once --config "$WORK/incl.yaml"
expect_contains "$(cat "$WORK/incl2.log")" "connector incl: 1 record, 0 indicators, 0 rejected, 0 dropped, 0 duplicates, 1 unchanged" \
  "second inclusive poll (the cursor's object again, not re-sent)"

# Wrong credentials: the source refuses, the poll fails, nothing is committed.
printf 'wrong' >"$WORK/taxii_password"
run_tcfeed "$WORK/denied.log" run --once --config "$WORK/tcfeed.yaml" --connector taxii
expect_contains "$(cat "$WORK/denied.log")" "HTTP 401" "refused credentials"

# A bundle file: supported patterns mapped, the rest counted by reason.
cp "$TCFEED_SOURCE_DIR/tests/fixtures/taxii/bundle.json" "$WORK/bundle.json"
write_config "$WORK/bundle.yaml" "  - name: bundle" "    type: taxii21" "    owner: $OWNER" "    url: file://$WORK/bundle.json" \
  "    backfill: 3650d"
run_tcfeed "$WORK/bundle.log" run --once --config "$WORK/bundle.yaml"
log=$(cat "$WORK/bundle.log")
expect_contains "$log" "connector bundle: 1 record unmapped: STIX pattern with AND" "bundle"
expect_contains "$log" "connector bundle: 1 record unmapped: STIX pattern on an object path tcfeed does not map" "bundle"
expect_contains "$log" "connector bundle: 1 record unmapped: pattern_type other than stix" "bundle"
expect_contains "$log" "connector bundle: 1 record skipped: revoked by its producer" "bundle"
expect_contains "$log" "connector bundle: 1 record skipped: past its valid_until" "bundle"
expect_contains "$log" "connector bundle: 2 records skipped: STIX group or relationship, read for its associations" "bundle"
expect_contains "$log" "connector bundle: 10 records, 6 indicators" "bundle"
echo "PASS"
