# The dry run's audit (docs/audit.md): `run --once --dry-run DIR` writes <connector>-audit.jsonl
# beside the documents, a JSON line per record and candidate; jq's sums over it equal the summary
# line's counts, each line names its reason code and the rule that decided. Then --from-scratch:
# after a real delivery a dry run previews only what changed, a dry run from scratch everything,
# and neither writes the state file.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || fail "jq missing (scripts/packages.txt)"
start_sandbox server --running-polls 0

now=$(date -u '+%Y-%m-%d %H:%M:%S')
{
  echo '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter'
  echo "\"101\",\"$now\",\"http://evil-a.example/x\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/101/\",\"r\""
  echo "\"102\",\"$now\",\"http://192.168.1.1/x\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/102/\",\"r\""
  echo "\"103\",\"$now\",\"notaurl\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/103/\",\"r\""
  echo '"104","2001-01-01 00:00:00","http://old.example/x","online","","malware_download","elf","https://urlhaus.abuse.ch/url/104/","r"'
  echo "\"105\",\"$now\",\"http://gone.example/x\",\"offline\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/105/\",\"r\""
  echo '"106","broken"'
  echo "\"107\",\"$now\",\"http://EVIL-A.example/x\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/107/\",\"r\""
  echo "\"108\",\"$now\",\"http://evil-b.example/y\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/108/\",\"r\""
} >"$WORK/feeds/urlhaus.csv"
printf '8.8.8.8\n185.216.71.120\n999.1.1.1\n192.168.1.10\n' >"$WORK/feeds/ips.txt"
write_config "$WORK/tcfeed.yaml" \
  "  - name: urlhaus" "    type: urlhaus" "    owner: $OWNER" "    url: file://$WORK/feeds/urlhaus.csv" \
  "    include_offline: false" \
  "  - name: ips" "    type: text" "    owner: $OWNER" "    url: file://$WORK/feeds/ips.txt" "    indicator_type: Address"
printf 'batch:\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"

run_tcfeed "$WORK/dry.log" run --once --dry-run "$WORK/dry" --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the dry run"
[[ ! -e "$WORK/state.db" ]] || fail "the dry run created the state file"
log=$(cat "$WORK/dry.log")

# summary CONNECTOR FIELD — a count of the connector's summary line ("N records", "N mapped"…).
summary() { grep -o "connector $1: [0-9]* records, .*" "$WORK/dry.log" | grep -oE "[0-9]+ $2" | head -1 | cut -d' ' -f1; }
# count FILE JQ-FILTER — how many lines the filter selects.
count() { jq -c "select($2)" "$1" | wc -l | tr -d ' '; }

for name in urlhaus ips; do
  audit=$WORK/dry/$name-audit.jsonl
  [[ -s "$audit" ]] || fail "no audit file $audit; the dry run's directory holds: $(ls "$WORK/dry")"
  expect_contains "$log" "connector $name: audit written to $audit" "dry-run log"
  jq -e . "$audit" >/dev/null || fail "$audit is not JSON lines"
  expect_eq "$(count "$audit" ".connector != \"$name\"")" 0 "$name: lines of another connector"
  # The records: every one once (the first candidate of a mapped record, or its unmapped/skipped line).
  records=$(count "$audit" '(.candidate // 1) == 1')
  expect_eq "$records" "$(summary "$name" "records?")" "$name: records in the audit against the summary"
  expect_eq "$(jq -s 'map(.record) | unique | length' "$audit")" "$records" "$name: distinct record numbers"
  expect_eq "$(count "$audit" '.candidate == 1')" "$(summary "$name" mapped)" "$name: mapped"
  expect_eq "$(count "$audit" '.record_outcome == "unmapped"')" "$(summary "$name" unmapped)" "$name: unmapped"
  expect_eq "$(count "$audit" '.record_outcome == "skipped"')" "$(summary "$name" skipped)" "$name: skipped"
  # The candidates.
  expect_eq "$(count "$audit" '.outcome == "queued"')" "$(summary "$name" "indicators?")" "$name: queued"
  expect_eq "$(count "$audit" '.outcome == "rejected"')" "$(summary "$name" rejected)" "$name: rejected"
  expect_eq "$(count "$audit" '.outcome == "dropped"')" "$(summary "$name" dropped)" "$name: dropped"
  expect_eq "$(count "$audit" '.outcome == "duplicate"')" "$(summary "$name" "duplicates?")" "$name: duplicates"
  expect_eq "$(count "$audit" '.outcome == "unchanged"')" "$(summary "$name" unchanged)" "$name: unchanged"
  # What was queued is what the documents hold.
  expect_eq "$(jq -r 'select(.outcome == "queued") | .sent' "$audit" | sort | tr '\n' ' ')" \
    "$(cat "$WORK/dry/$name"-*.json | grep -o '"summary":"[^"]*"' | cut -d'"' -f4 | sort | tr '\n' ' ')" \
    "$name: queued values against the documents"
done
# The figures the feeds were written for, so the sums above are not 0 = 0.
expect_contains "$log" "connector urlhaus: 8 records, 2 indicators, 1 rejected, 1 dropped, 1 duplicate, 0 unchanged" "dry-run log"
expect_contains "$log" "records: 5 mapped, 1 unmapped, 2 skipped" "dry-run log"

# Each decision with its reason code and rule.
line() { jq -c "select($2)" "$WORK/dry/$1-audit.jsonl"; }
expect_contains "$(line urlhaus '.value == "http://192.168.1.1/x"')" \
  '"outcome":"dropped","reason":"allowlist:reserved-ip-ranges","rule":"allowlist reserved-ip-ranges 192.168.0.0/16' "reserved URL"
expect_contains "$(line urlhaus '.value == "notaurl"')" '"outcome":"rejected","reason":"url_missing_scheme"' "rejected URL"
expect_contains "$(line urlhaus '.reason == "before_backfill"')" '"record_outcome":"skipped","reason":"before_backfill","rule":"backfill"' "old row"
expect_contains "$(line urlhaus '.reason == "offline"')" '"rule":"include_offline"' "offline row"
expect_contains "$(line urlhaus '.value == "http://EVIL-A.example/x"')" \
  '"sent":"http://evil-a.example/x","outcome":"duplicate"' "repeated URL"
expect_contains "$(line urlhaus '.value == "http://evil-b.example/y"')" '"source":"https://urlhaus.abuse.ch/url/108/"' "source"
expect_contains "$(line ips '.value == "8.8.8.8"')" \
  '"reason":"warninglist:public-dns-resolvers","rule":"warninglist public-dns-resolvers' "public resolver"
expect_contains "$(line ips '.value == "999.1.1.1"')" '"reason":"ipv4_octet_out_of_range"' "bad address"
expect_contains "$(line ips '.value == "185.216.71.120"')" '"outcome":"queued","rule":"seen set: new"' "new address"

# --no-audit writes none.
run_tcfeed "$WORK/quiet.log" run --once --dry-run "$WORK/quiet" --no-audit --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the dry run without audit"
[[ ! -e "$WORK/quiet/urlhaus-audit.jsonl" ]] || fail "--no-audit wrote an audit file"

# --from-scratch: deliver for real, then preview.
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the delivery: $(cat "$WORK/run.log")"
before=$(sha256sum "$WORK/state.db" | cut -d' ' -f1)
run_tcfeed "$WORK/again.log" run --once --dry-run "$WORK/again" --config "$WORK/tcfeed.yaml"
expect_contains "$(cat "$WORK/again.log")" "connector urlhaus: 8 records, 0 indicators" "dry run after the delivery"
expect_contains "$(cat "$WORK/again.log")" "records: 0 mapped," "dry run after the delivery (cursor)"
expect_contains "$(jq -c 'select(.record == 1)' "$WORK/again/urlhaus-audit.jsonl")" '"reason":"already_read","rule":"cursor"' "cursor"
expect_contains "$(cat "$WORK/again.log")" "connector ips: 4 records, 0 indicators, 1 rejected, 2 dropped, 0 duplicates, 1 unchanged" "dry run after the delivery"
expect_contains "$(jq -c "select(.value == \"185.216.71.120\")" "$WORK/again/ips-audit.jsonl")" '"outcome":"unchanged","rule":"seen set: unchanged, sent ' "seen set"
run_tcfeed "$WORK/scratch.log" run --once --dry-run "$WORK/scratch" --from-scratch --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the dry run from scratch"
scratch=$(cat "$WORK/scratch.log")
expect_contains "$scratch" "the state file's seen sets and cursors are ignored" "dry run from scratch"
expect_contains "$scratch" "connector urlhaus: 8 records, 2 indicators" "dry run from scratch"
expect_contains "$scratch" "connector ips: 4 records, 1 indicator," "dry run from scratch"
expect_contains "$(cat "$WORK/scratch/ips-00000.json")" '"summary":"185.216.71.120"' "from-scratch document"
expect_eq "$(sha256sum "$WORK/state.db" | cut -d' ' -f1)" "$before" "the state file after the dry runs"
run_tcfeed "$WORK/misuse.log" run --once --from-scratch --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 2 "exit code of --from-scratch without --dry-run"
echo PASS
