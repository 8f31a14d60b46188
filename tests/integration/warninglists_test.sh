# Known-good values never sent (docs/architecture.md, Warninglists): the built-in lists drop a
# public resolver and the empty file's hash, an operator's MISP warninglist marked tag_only sends
# its hit tagged, each counted by list; a bad list or tag_only name is a config error at its line.
source "$(dirname "$0")/lib.sh"
start_sandbox

printf '8.8.8.8\n45.147.231.107\n185.216.71.120\n' >"$WORK/ips.txt"
printf 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n%s\n' \
  "$(printf 'tcfeed' | sha256sum | cut -d' ' -f1)" >"$WORK/hashes.txt"
mkdir -p "$WORK/lists/partner-cdn"
cat >"$WORK/lists/partner-cdn/list.json" <<'JSON'
{"name": "Partner CDN ranges", "version": 1, "type": "cidr",
 "matching_attributes": ["ip-src", "ip-dst"], "list": ["45.147.231.0/24"]}
JSON

connectors=("  - name: ips" "    type: text" "    owner: $OWNER" "    url: file://$WORK/ips.txt"
  "    indicator_type: Address" "  - name: hashes" "    type: text" "    owner: $OWNER"
  "    url: file://$WORK/hashes.txt" "    indicator_type: File")
write_config "$WORK/tcfeed.yaml" "${connectors[@]}" "warninglists:" \
  "  files: [$WORK/lists/partner-cdn/list.json]" "  tag_only: [partner-cdn]"

run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 0 "exit code"
expect_contains "$log" "connector ips: 1 dropped by policy: warninglist:public-dns-resolvers" "run log"
expect_contains "$log" "connector ips: 1 on warninglist 'partner-cdn', sent with its tag" "run log"
expect_contains "$log" "connector ips: 3 records, 2 indicators, 0 rejected, 1 dropped" "run log"
expect_contains "$log" "connector hashes: 1 dropped by policy: warninglist:empty-file-hashes" "run log"
expect_contains "$log" "connector hashes: 2 records, 1 indicator, 0 rejected, 1 dropped" "run log"
expect_contains "$log" "3 delivered" "run log"
sent=$(sandbox_get /_sandbox/stats)
expect_not_contains "$sent" "8.8.8.8" "sandbox (nothing about the resolver reached the platform)"

# The built-in lists can be chosen; [] turns them off.
rm -f "$WORK/state.db"*
write_config "$WORK/tcfeed.yaml" "${connectors[@]}" "warninglists:" "  builtin: []"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_contains "$(cat "$WORK/run.log")" "connector ips: 3 records, 3 indicators, 0 rejected, 0 dropped" "run log without lists"

# Config errors name the file and line, and what was expected.
write_config "$WORK/bad.yaml" "${connectors[@]}" "warninglists:" "  tag_only: [partner-cnd]"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_eq "$CODE" 2 "exit code of check-config with an unknown tag_only name"
line=$(grep -n 'tag_only' "$WORK/bad.yaml" | cut -d: -f1)
expect_contains "$(cat "$WORK/bad.log")" "bad.yaml:$line: warninglists.tag_only: no warninglist is named 'partner-cnd'; loaded: empty-file-hashes, public-dns-resolvers, public-dns-resolver-hosts" "check-config"
printf '{"name": "x", "type": "regex", "list": ["^a"]}' >"$WORK/regex.json"
write_config "$WORK/bad.yaml" "${connectors[@]}" "warninglists:" "  files:" "    - $WORK/regex.json"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_eq "$CODE" 2 "exit code of check-config with a regex list"
line=$(grep -n 'regex.json' "$WORK/bad.yaml" | cut -d: -f1)
expect_contains "$(cat "$WORK/bad.log")" "bad.yaml:$line: warninglists.files: $WORK/regex.json: type 'regex' is not supported" "check-config"
write_config "$WORK/bad.yaml" "${connectors[@]}" "warninglists:" "  builtin: [public-dns]"
run_tcfeed "$WORK/bad.log" check-config --offline --config "$WORK/bad.yaml"
expect_contains "$(cat "$WORK/bad.log")" "warninglists.builtin: unknown built-in list 'public-dns'; known: empty-file-hashes" "check-config"
echo PASS
