# `tcfeed why VALUE` (docs/audit.md): each stage's verdict with the rule that decided and the
# documented exit code — rejected 3, dropped by policy 4, sent already and unchanged 5, would be
# sent 0 — before any run (no state file) and after a delivery (the seen set says when).
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0
printf '185.216.71.120\n' >"$WORK/feeds/ips.txt"
write_config "$WORK/tcfeed.yaml" \
  "  - name: ips" "    type: text" "    owner: $OWNER" "    url: file://$WORK/feeds/ips.txt" "    indicator_type: Address"
printf 'batch:\n  poll_interval: 10ms\nallowlist:\n  entries: ["*.corp.example", "203.0.114.0/24"]\n' >>"$WORK/tcfeed.yaml"

# why LOG ARGS… — sets CODE, output in $out.
why() { run_tcfeed "$WORK/why.log" why --config "$WORK/tcfeed.yaml" "$@" >"$WORK/why.out"; out=$(cat "$WORK/why.out"); }

why 8.8.8.8
expect_eq "$CODE" 4 "exit code for a public resolver"
expect_contains "$out" "type:         Address (guessed" "8.8.8.8"
expect_contains "$out" "allowlist:    not listed" "8.8.8.8"
expect_contains "$out" "warninglists: dropped by public-dns-resolvers" "8.8.8.8"
expect_contains "$out" "verdict:      dropped by policy [warninglist:public-dns-resolvers]" "8.8.8.8"

why www.corp.example
expect_eq "$CODE" 4 "exit code for an allowlisted host"
expect_contains "$out" "type:         Host" "allowlisted host"
expect_contains "$out" "allowlist:    dropped by corp.example [allowlist:entry]" "allowlisted host"

why 10.1.2.3
expect_contains "$out" "dropped by reserved-ip-ranges 10.0.0.0/8 (Private-Use (RFC 1918)) [allowlist:reserved-ip-ranges]" "reserved"

why e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
expect_eq "$CODE" 4 "exit code for the empty file's hash"
expect_contains "$out" "[warninglist:empty-file-hashes]" "empty file"

why 999.1.1.1 --type address
expect_eq "$CODE" 3 "exit code for an invalid address"
expect_contains "$out" "normalize:    rejected: IPv4 octet above 255 [ipv4_octet_out_of_range]" "invalid address"

why 185.216.71.120
expect_eq "$CODE" 0 "exit code before any run"
expect_contains "$out" "seen set:     ips (owner 'Demo Organization'): never sent (no state file yet)" "before any run"
[[ ! -e "$WORK/state.db" ]] || fail "why created the state file"

run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code of the delivery: $(cat "$WORK/run.log")"
why 185.216.71.120 --connector ips
expect_eq "$CODE" 5 "exit code after the delivery"
expect_contains "$out" "seen set:     ips (owner 'Demo Organization'): sent $(date -u +%Y-%m-%d)" "after the delivery"
expect_contains "$out" "not sent again before" "after the delivery"
why 185.216.71.121
expect_eq "$CODE" 0 "exit code for a value never sent"
expect_contains "$out" "never sent: the next poll that lists it sends it" "a value never sent"

why 1.2.3.4 --type Hostname
expect_eq "$CODE" 2 "exit code for an unknown type"
why 1.2.3.4 --connector nope
expect_eq "$CODE" 2 "exit code for an unknown connector"
echo PASS
