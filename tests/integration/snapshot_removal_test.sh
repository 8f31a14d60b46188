# Full-list feeds (docs/architecture.md, Full lists and expiry): an entry that leaves the list is
# deleted (or deactivated); a list that shrank by more than removed_guard — a truncated download —
# removes nothing and says so; an entry that comes back is sent again (reactivated after a
# deactivation).
source "$(dirname "$0")/lib.sh"
start_sandbox
read_host() { "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --value "$1" --json 2>/dev/null || true; }
count_held() {
  "$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json --limit 1000 |
    grep -o "\"summary\":\"[^\"]*\.$1\"" | wc -l
}
config() {  # REMOVED FILE
  write_config "$WORK/tcfeed.yaml" "  - name: blocklist" "    type: text" "    owner: $OWNER" "    url: file://$2" \
    "    indicator_type: Host" "    removed: $1" "    removed_guard: 20%"
  printf 'batch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
}

# --- delete
hosts_feed "$WORK/list.txt" 10 del.example
config delete "$WORK/list.txt"
run_tcfeed "$WORK/run1.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "first run"
expect_eq "$(count_held del.example)" 10 "held after the first run"
sed -i '/^host-3\.del\.example$/d' "$WORK/list.txt"  # one of ten gone: 10%, within the guard
run_tcfeed "$WORK/run2.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run after one entry left ($(tail -3 "$WORK/run2.log"))"
expect_contains "$(cat "$WORK/run2.log")" "1 entry left the list; deleting them" "run log"
expect_eq "$(count_held del.example)" 9 "held after a removal"
expect_not_contains "$(read_host host-3.del.example)" '"summary"' "the removed entry"

# A truncated download: 3 of 9 left (67% gone) — nothing is removed.
head -3 "$WORK/list.txt" >"$WORK/short.txt" && mv "$WORK/short.txt" "$WORK/list.txt"
run_tcfeed "$WORK/run3.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run after a truncated list"
expect_contains "$(cat "$WORK/run3.log")" "more than removed_guard (20%): nothing is removed" "run log"
expect_eq "$(count_held del.example)" 9 "held after a truncated list"

# The removed entry comes back (and the list is whole again): it is sent again.
hosts_feed "$WORK/list.txt" 10 del.example
run_tcfeed "$WORK/run4.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run after the entry came back"
expect_eq "$(count_held del.example)" 10 "held after the entry came back"

# --- deactivate
rm -f "$WORK/state.db"*
hosts_feed "$WORK/list2.txt" 10 off.example
config deactivate "$WORK/list2.txt"
run_tcfeed "$WORK/run5.log" run --once --config "$WORK/tcfeed.yaml"
sed -i '/^host-5\.off\.example$/d' "$WORK/list2.txt"
run_tcfeed "$WORK/run6.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run after one entry left (deactivate)"
expect_contains "$(read_host host-5.off.example)" '"active":false' "the deactivated entry"
expect_contains "$(read_host host-6.off.example)" '"active":true' "an entry still listed"
# Back on the list: sent again, and active again (the platform keeps a flag an item leaves out).
hosts_feed "$WORK/list2.txt" 10 off.example
run_tcfeed "$WORK/run7.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run after the deactivated entry came back"
expect_contains "$(read_host host-5.off.example)" '"active":true' "the deactivated entry back on the list"
# --- a stray quote in a full list (csv, removed: deactivate)
# `"rm-good19.example"x,domain`: libcsv reads on with the quote as literal, so rows 19-21 became one
# bad record, "left the list" (3 of 30, within the guard) and were deactivated while still listed.
# Now the row alone is dropped and counted, the list is incomplete, and nothing is removed.
rm -f "$WORK/state.db"*
rm_feed() {  # FILE [STRAY]
  { echo "value,kind"
    for ((i = 0; i < 30; i++)); do
      if [[ $i == 19 && -n ${2:-} ]]; then echo '"rm-good19.example"x,domain'
      elif [[ $i == 21 ]]; then echo '"rm-good21.example",domain'
      else echo "rm-good$i.example,domain"; fi
    done; } >"$1"
}
rm_feed "$WORK/rm.csv"
write_config "$WORK/tcfeed.yaml" "  - name: rmlist" "    type: csv" "    owner: $OWNER" "    url: file://$WORK/rm.csv" \
  "    value: value" "    type_column: kind" "    type_map: {domain: Host}" "    removed: deactivate"
printf 'batch:\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run8.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "first run of the csv list"
rm_feed "$WORK/rm.csv" stray
run_tcfeed "$WORK/run9.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "run with a stray quote ($(tail -3 "$WORK/run9.log"))"
expect_contains "$(cat "$WORK/run9.log")" "1 record unmapped: broken quote" "run log"
expect_contains "$(cat "$WORK/run9.log")" "the list is incomplete, so nothing is removed" "run log"
expect_not_contains "$(cat "$WORK/run9.log")" "left the list" "run log"
for host in rm-good19 rm-good20 rm-good21 rm-good22; do
  expect_contains "$(read_host "$host.example")" '"active":true' "$host, still listed"
done
echo "PASS"
