# Exports (docs/exports.md): a list built from three owners' indicators and the export's filters;
# a rating lowered, an indicator deactivated and one deleted each leave it at the right refresh;
# the shrink guard and the empty-answer rule hold; the never-block list holds; max_entries keeps
# the top scores; the daemon serves the list with ETag/Last-Modified, 304 and gzip, and serves the
# last list from the state file after a restart before ThreatConnect answers.
source "$(dirname "$0")/lib.sh"
export EDL_TOKEN=edl-token-for-the-test
start_sandbox server --owner "Third Feed:Source"

# change JSON — POST /_sandbox/indicators
change() {
  curl -sS --fail --cacert "$WORK/pki/ca.pem" -X POST -d "$1" "https://localhost:$SANDBOX_PORT/_sandbox/indicators" \
    >/dev/null || fail "sandbox refused the change $1"
}
fault() { curl -sS --fail --cacert "$WORK/pki/ca.pem" -X POST -d "$1" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null; }
add() {  # add OWNER TYPE VALUE RATING CONFIDENCE TAGS_JSON
  change "{\"owner\":\"$1\",\"type\":\"$2\",\"summary\":\"$3\",\"rating\":$4,\"confidence\":$5,\"tags\":$6}"
}

C2='["botnet-c2"]'
add "Demo Organization" Address 11.0.0.1 5 90 "$C2"
add "Demo Organization" Address 11.0.0.2 2 90 "$C2"          # rating below min_rating
add "Demo Organization" Address 11.0.0.3 4 90 '["scanner"]'  # not tagged botnet-c2
add "Demo Organization" Address 10.0.0.5 5 90 "$C2"          # reserved range: never blocked
add "Demo Organization" Address 11.9.9.9 5 90 "$C2"          # the export's `never`
add "Demo Organization" Address 11.0.0.4 4 70 "$C2"          # deleted later
add "Other Source" Address 11.0.1.1 4 60 "$C2"               # rating lowered later
add "Other Source" Host bad.example 5 90 "$C2"               # not a listed type
add "Third Feed" CIDR 11.2.0.0/16 5 80 "$C2"                 # deactivated later
add "Third Feed" Address 11.0.0.1 3 50 "$C2"                 # a value two owners hold
for i in $(seq 1 10); do add "Third Feed" Address "11.5.0.$i" 3 40 "$C2"; done

write_config "$WORK/tcfeed.yaml"
cat >>"$WORK/tcfeed.yaml" <<YAML
exports:
  - name: ips
    owners: ["Demo Organization", "Other Source", "Third Feed"]
    types: [Address, CIDR]
    min_rating: 3
    tags_any: [botnet-c2]
    never: [11.9.9.9]
    every: 10s
    full_every: 1h
  - name: ips-csv
    owners: ["Demo Organization", "Other Source", "Third Feed"]
    types: [Address, CIDR]
    format: csv
    max_entries: 3
    auth: { bearer_token_env: EDL_TOKEN }
  - name: ips-all-csv
    owners: ["Demo Organization", "Other Source", "Third Feed"]
    types: [Address, CIDR]
    format: csv
YAML
"$TCFEED" check-config --config "$WORK/tcfeed.yaml" >/dev/null || fail "check-config refused the exports"
# check-config checks the owners online, with the nearest name.
sed 's/"Third Feed"\]/"Third Fed"]/' "$WORK/tcfeed.yaml" >"$WORK/misspelled.yaml"
run_tcfeed "$WORK/check.log" check-config --config "$WORK/misspelled.yaml"
expect_eq "$CODE" 2 "check-config exit code for an unknown export owner"
expect_contains "$(cat "$WORK/check.log")" "exports.ips.owners: owner 'Third Fed' is not among the owners" "check-config"

export_run() {  # export_run NAME [--full] — the list in $WORK/NAME.txt, the summary in $WORK/export.log
  run_tcfeed "$WORK/export.log" export "$@" --config "$WORK/tcfeed.yaml" --output "$WORK/$1.txt"
  [[ $CODE == 0 ]] || fail "tcfeed export $* exited $CODE: $(cat "$WORK/export.log")"
}
sorted() { sort "$WORK/$1.txt" | tr '\n' ' '; }

# The first run is a full read.
export_run ips
expect_contains "$(cat "$WORK/export.log")" "changed full read" "first export"
expect_eq "$(sorted ips)" "11.0.0.1 11.0.0.4 11.0.1.1 11.2.0.0/16 11.5.0.1 11.5.0.10 11.5.0.2 11.5.0.3 11.5.0.4 11.5.0.5 11.5.0.6 11.5.0.7 11.5.0.8 11.5.0.9 " "the first list"
expect_contains "$(cat "$WORK/export.log")" "2 never blocked" "first export"

# Stable order: the csv's scores never rise; max_entries keeps the three highest and says so.
export_run ips-csv
expect_eq "$(head -1 "$WORK/ips-csv.txt")" "type,value,owner,rating,confidence,threatAssessRating,threatAssessConfidence,threatAssessScore,lastModified,tags" "csv header"
expect_eq "$(($(wc -l <"$WORK/ips-csv.txt") - 1))" 3 "csv rows under max_entries 3"
expect_contains "$(cat "$WORK/export.log")" "cut by max_entries" "csv export"
scores=$(tail -n +2 "$WORK/ips-csv.txt" | cut -d, -f8 | tr '\n' ' ')
expect_eq "$scores" "$(tail -n +2 "$WORK/ips-csv.txt" | cut -d, -f8 | sort -rn | tr '\n' ' ')" "csv scores in order"
export_run ips-all-csv
all_rows=$(($(wc -l <"$WORK/ips-all-csv.txt") - 1))
((all_rows > 3)) || fail "the uncapped csv has $all_rows rows"
expect_eq "$(tail -n +2 "$WORK/ips-csv.txt")" "$(tail -n +2 "$WORK/ips-all-csv.txt" | head -3)" "max_entries keeps the top three"

# A rating lowered below min_rating leaves at the next incremental refresh.
sleep 1
change '{"owner":"Other Source","type":"Address","summary":"11.0.1.1","rating":1}'
export_run ips
expect_contains "$(cat "$WORK/export.log")" "incremental read" "second export"
expect_not_contains "$(sorted ips)" "11.0.1.1" "the list after the rating was lowered"

# A deactivated indicator leaves at the next incremental refresh.
change '{"owner":"Third Feed","type":"CIDR","summary":"11.2.0.0/16","active":false}'
export_run ips
expect_not_contains "$(sorted ips)" "11.2.0.0/16" "the list after the CIDR was deactivated"
expect_contains "$(sorted ips)" "11.0.0.4" "the list before the delete"

# A deleted indicator: an incremental read cannot see it; the full read removes it.
change '{"owner":"Demo Organization","type":"Address","summary":"11.0.0.4","delete":true}'
export_run ips
expect_contains "$(sorted ips)" "11.0.0.4" "the list after an incremental read (the delete is invisible to it)"
export_run ips --full
expect_not_contains "$(sorted ips)" "11.0.0.4" "the list after the full read"
before=$(sorted ips)

# An empty answer never empties the list.
fault '{"kind":"empty_list","path":"/api/v3/indicators","count":1}'
export_run ips --full
expect_contains "$(cat "$WORK/export.log")" "refused_empty" "export on an empty answer"
expect_eq "$(sorted ips)" "$before" "the list after an empty answer"

# A failing platform leaves the list as it was (exit 1, the file untouched).
fault '{"kind":"status","status":400,"path":"/api/v3/indicators","count":1}'
run_tcfeed "$WORK/export.log" export ips --config "$WORK/tcfeed.yaml" --output "$WORK/ips.txt"
expect_eq "$CODE" 1 "export exit code when ThreatConnect refuses"
expect_eq "$(sorted ips)" "$before" "the list after a failed read"

# The shrink guard: deactivating 8 of 12 is held by the incremental read, and the full read that
# finds the same confirms it.
sleep 1
for i in $(seq 1 8); do change "{\"owner\":\"Third Feed\",\"type\":\"Address\",\"summary\":\"11.5.0.$i\",\"active\":false}"; done
export_run ips
expect_contains "$(cat "$WORK/export.log")" "held_shrink" "export removing 8 of 12"
expect_eq "$(sorted ips)" "$before" "the list while the shrink is held"
export_run ips --full
expect_contains "$(cat "$WORK/export.log")" "changed full read" "the confirming full read"
expect_eq "$(sorted ips)" "11.0.0.1 11.5.0.10 11.5.0.9 " "the list after the confirmed shrink"
for i in $(seq 1 8); do change "{\"owner\":\"Third Feed\",\"type\":\"Address\",\"summary\":\"11.5.0.$i\",\"active\":true}"; done

# The daemon: served with validators, 304s and gzip; restored from the state file before
# ThreatConnect answers.
echo "http: { listen: 127.0.0.1:0 }" >>"$WORK/tcfeed.yaml"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 30 "the daemon's list" bash -c "curl -sf http://127.0.0.1:$STATUS_PORT/exports/ips | grep -qx 11.5.0.1"
curl -sS -D "$WORK/h1" -o "$WORK/served.txt" "http://127.0.0.1:$STATUS_PORT/exports/ips"
expect_eq "$(sort "$WORK/served.txt" | tr '\n' ' ')" "11.0.0.1 11.5.0.1 11.5.0.10 11.5.0.2 11.5.0.3 11.5.0.4 11.5.0.5 11.5.0.6 11.5.0.7 11.5.0.8 11.5.0.9 " "the served list"
etag=$(grep -i '^etag:' "$WORK/h1" | cut -d' ' -f2 | tr -d '\r')
modified=$(grep -i '^last-modified:' "$WORK/h1" | cut -d' ' -f2- | tr -d '\r')
[[ -n "$etag" && -n "$modified" ]] || fail "no ETag or Last-Modified: $(cat "$WORK/h1")"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$STATUS_PORT/exports/ips")" 304 "If-None-Match"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $modified" "http://127.0.0.1:$STATUS_PORT/exports/ips")" 304 "If-Modified-Since"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "other"' "http://127.0.0.1:$STATUS_PORT/exports/ips")" 200 "another ETag"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STATUS_PORT/exports/nothing")" 404 "an unknown export"
curl -sS -H 'Accept-Encoding: gzip' -D "$WORK/h2" -o "$WORK/served.gz" "http://127.0.0.1:$STATUS_PORT/exports/ips"
grep -qi '^content-encoding: gzip' "$WORK/h2" || fail "no gzip: $(cat "$WORK/h2")"
cmp <(gunzip -c "$WORK/served.gz") "$WORK/served.txt" || fail "the gzip body differs from the plain one"
# Per-export auth: a wrong or missing token is refused (and the token appears nowhere).
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STATUS_PORT/exports/ips-csv")" 401 "no token"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' "http://127.0.0.1:$STATUS_PORT/exports/ips-csv")" 401 "a wrong token"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $EDL_TOKEN" "http://127.0.0.1:$STATUS_PORT/exports/ips-csv")" 200 "the token"
metrics=$(status_get /metrics)
expect_contains "$metrics" 'tcfeed_export_requests_total{export="ips-csv",status="401"} 2' "metrics"
expect_not_contains "$metrics$(status_get /)$(cat "$WORK/daemon.log")" "$EDL_TOKEN" "metrics, status page and log"
expect_contains "$metrics" 'tcfeed_export_requests_total{export="ips",status="304"} 2' "metrics"
expect_contains "$metrics" 'tcfeed_export_entries{export="ips"} 11' "metrics"
expect_contains "$metrics" 'tcfeed_export_cut_entries{export="ips-csv"}' "metrics"
expect_contains "$(status_get /)" 'id="exports"' "status page"
stop_daemon

# A restart while ThreatConnect refuses every read: the last list is served at once, same ETag.
fault '{"kind":"status","status":503,"path":"/api/v3/indicators"}'
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon2.log"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$STATUS_PORT/exports/ips")" 304 "the restored list's ETag"
cmp <(curl -sS "http://127.0.0.1:$STATUS_PORT/exports/ips") "$WORK/served.txt" || fail "the restored list differs"
stop_daemon

echo "exports: ok"
