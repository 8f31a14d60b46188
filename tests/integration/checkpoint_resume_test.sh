# Checkpoints (docs/architecture.md, Checkpoints): `tcfeed run` killed with SIGKILL in the middle
# of a multi-page poll keeps what it read up to its last checkpoint — batches in the outbox, the
# cursor naming where to go on — and the next run resumes there: nothing is lost, nothing is sent
# twice, and the pages before the checkpoint are not asked again.
# - misp: pages of three; the sandbox holds page 3 back, so the poll is killed after its checkpoint
#   after page 2; the next run asks page 2 again (the one-page overlap) and goes on.
# - misp_feed: the last event's file is held back; the next run fetches only it.
source "$(dirname "$0")/lib.sh"

instance="$WORK/feeds/misp/slow"
mkdir -p "$instance"
with_delay() { # DELAY_MS — the fixture, pages from 3 on held back DELAY_MS
  python3 - "$TCFEED_SOURCE_DIR/tests/fixtures/misp_api/instance/events.json" "$instance/events.json" "$1" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1]))
data["delay_from_page"], data["delay_ms"] = 3, int(sys.argv[3])
json.dump(data, open(sys.argv[2], "w"))
EOF
}
with_delay 600000
printf 'misp-checkpoint-key' >"$WORK/misp_key"
chmod 600 "$WORK/misp_key"
printf 'misp-checkpoint-key' >"$instance/_auth"
printf 'otx-checkpoint-key' >"$WORK/otx_key"
chmod 600 "$WORK/otx_key"
cp -r "$TCFEED_SOURCE_DIR/tests/fixtures/misp_feed" "$WORK/feeds/feed"
start_sandbox
write_config "$WORK/tcfeed.yaml" "  - name: mispapi" "    type: misp" "    owner: $OWNER" \
  "    url: https://localhost:$SANDBOX_PORT/misp/slow/" "    auth_key_file: $WORK/misp_key" "    backfill: 3650d" \
  "    page_size: 3" \
  "  - name: mispfeed" "    type: misp_feed" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/feed/" \
  "    backfill: 3650d" \
  "  - name: otxpulses" "    type: otx" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/files/otx" \
  "    auth_key_file: $WORK/otx_key" "    checkpoint_pulses: 1"
# Two indicators a document: each page, each event fills one, so every checkpoint offered is committed.
printf 'batch:\n  max_indicators: 2\n  jobs_in_flight: 1\n  poll_interval: 100ms\n' >>"$WORK/tcfeed.yaml"
config=$WORK/tcfeed.yaml
stats() { sandbox_get /_sandbox/stats; }
clear_stats() { curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null; }
pages_asked() { stats | grep -o '"detail":"page=[0-9]*' | sed 's/"detail":"//' | tr '\n' ' '; }
cursor_of() { "$TCFEED" state --config "$config" show --json | grep -o "{\"connector\":\"$1\",\"position\":\"[^\"]*\"" || true; }
held() { "$TCFEED" indicators --config "$config" --owner "$OWNER" | grep -c "$1" || true; }

# kill_mid_poll CONNECTOR WHAT COMMAND... — starts `tcfeed run --once` for CONNECTOR, waits until
# COMMAND succeeds (the poll is waiting for the held-back request), then SIGKILLs it.
kill_mid_poll() {
  local connector=$1 what=$2
  shift 2
  "$TCFEED" run --once --config "$config" --connector "$connector" 2>"$WORK/$connector-killed.log" &
  local pid=$!
  wait_for 60 "$what" "$@"
  sleep 0.5 # let a checkpoint that raced the request finish: the kill must not depend on timing
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
}

# --- misp: killed while page 3 is held back.
asked_page3() { [[ $(pages_asked) == *page=3* ]]; }
kill_mid_poll mispapi "the request for page 3" asked_page3
expect_eq "$(pages_asked)" "page=1 page=2 page=3 " "pages before the kill"
cursor=$(cursor_of mispapi)
[[ "$cursor" =~ \"position\":\"resume\ [0-9]+\ 3\ 2\ 1796000300\" ]] ||
  fail "the cursor after the kill names the search and its page 2 (resume <since> 3 2 <newest>): '$cursor'"
show=$("$TCFEED" state --config "$config" show --json)
expect_contains "$show" "\"owner\":\"$OWNER\",\"batches\":4,\"indicators\":6" \
  "the outbox after the kill (pages 1 and 2: six indicators, two documents each)"
expect_eq "$(stats | grep -o '"method":"POST","path":"/api/v2/batch"' | wc -l)" 0 "jobs before the kill"

with_delay 0
clear_stats
run_tcfeed "$WORK/misp-resumed.log" run --once --config "$config" --connector mispapi
expect_eq "$CODE" 0 "exit code of the resumed run: $(cat "$WORK/misp-resumed.log")"
log=$(cat "$WORK/misp-resumed.log")
expect_eq "$(pages_asked)" "page=2 page=3 page=4 " "pages of the resumed run (page 2 again: the overlap)"
expect_contains "$log" "connector mispapi: 7 records, 4 indicators, 0 rejected, 0 dropped, 0 duplicates, 3 unchanged" \
  "resumed run (page 2 read again, not sent again)"
expect_contains "$log" "owner 'Demo Organization': 10 delivered" "resumed run (the checkpointed six and the last four)"
expect_contains "$(cursor_of mispapi)" '"position":"1796000300"' "cursor after the resumed run"
expect_eq "$(held phish-wave.example)" 3 "phish-wave indicators (either side of the page-2 boundary)"
for value in 185.220.102.31 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 0cc175b9c0f1b6a831c399e269772661 'Global\\LoaderMutex1'; do
  expect_eq "$(held "$value")" 1 "$value at the sandbox"
done
expect_contains "$("$TCFEED" indicators --config "$config" --owner "$OWNER")" "10 indicators" "indicators at the sandbox"
run_tcfeed "$WORK/misp-again.log" run --once --config "$config" --connector mispapi
expect_contains "$(cat "$WORK/misp-again.log")" "owner 'Demo Organization': 0 delivered" "a run after the resumed one"

# --- misp_feed: events are read oldest first (E3, E2, E1); E1's file is held back.
E1=5f0c2a9e-1b2c-4d3e-8f40-0000000000e1
E2=5f0c2a9e-1b2c-4d3e-8f40-0000000000e2
E3=5f0c2a9e-1b2c-4d3e-8f40-0000000000e3
curl -sS --cacert "$WORK/pki/ca.pem" -X POST "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d "{\"kind\":\"slow\",\"delay_ms\":600000,\"path\":\"/files/feed/$E1.json\"}" >/dev/null
clear_stats
asked_e1() { [[ $(stats) == *"\"/files/feed/$E1.json\""* ]]; }
kill_mid_poll mispfeed "the request for E1" asked_e1
cursor=$(cursor_of mispfeed)
expect_contains "$cursor" "$E3=1795100000" "the feed's cursor after the kill"
expect_contains "$cursor" "$E2=1795900000" "the feed's cursor after the kill"
expect_not_contains "$cursor" "$E1" "the feed's cursor after the kill (E1 not read)"
before=$("$TCFEED" state --config "$config" show --json | grep -o '"indicators":[0-9]*' | head -1 | tr -dc 0-9)
(( before > 0 )) || fail "E3's and E2's indicators are in the outbox after the kill"

curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
clear_stats
run_tcfeed "$WORK/feed-resumed.log" run --once --config "$config" --connector mispfeed
expect_eq "$CODE" 0 "exit code of the resumed feed run: $(cat "$WORK/feed-resumed.log")"
stats_now=$(stats)
expect_contains "$stats_now" "\"/files/feed/$E1.json\":1" "E1 fetched by the resumed run"
expect_not_contains "$stats_now" "$E2.json" "E2 not fetched again"
expect_not_contains "$stats_now" "$E3.json" "E3 not fetched again"
expect_contains "$(cat "$WORK/feed-resumed.log")" "0 unchanged" "resumed feed run (nothing read twice)"
# --- otx: three pages by `next`, a checkpoint offered after every pulse; page 3 is held back.
otx="$WORK/feeds/otx"
mkdir -p "$otx/api/v1/pulses"
ago() { date -u -d "-$1 hours" +%Y-%m-%dT%H:%M:%S.000000; }
pulse_page() { # FILE NEXT ID MODIFIED HOSTS...
  local file=$1 next=$2 id=$3 modified=$4 indicators="" host
  shift 4
  for host in "$@"; do
    indicators+="${indicators:+,}{\"id\":1,\"type\":\"domain\",\"indicator\":\"$host\",\"is_active\":1}"
  done
  printf '{"count":3,"next":%s,"results":[{"id":"%s","name":"Pulse %s","description":"","tags":[],"attack_ids":[],"created":"%s","modified":"%s","indicators":[%s]}]}' \
    "$next" "$id" "$id" "$modified" "$modified" "$indicators" >"$file"
}
base="https://localhost:$SANDBOX_PORT/files/otx"
newest=$(ago 20)
pulse_page "$otx/api/v1/pulses/subscribed" "\"$base/page2.json?page=2\"" p1 "$(ago 30)" p1-a.otx.example p1-b.otx.example
pulse_page "$otx/page2.json" "\"$base/page3.json?page=3\"" p2 "$newest" p2-a.otx.example p2-b.otx.example
pulse_page "$otx/page3.json" null p3 "$(ago 40)" p3-a.otx.example p3-b.otx.example
curl -sS --cacert "$WORK/pki/ca.pem" -X POST "https://localhost:$SANDBOX_PORT/_sandbox/faults" \
  -d '{"kind":"slow","delay_ms":600000,"path":"/files/otx/page3.json"}' >/dev/null
clear_stats
asked_page3_otx() { [[ $(stats) == *'"/files/otx/page3.json"'* ]]; }
kill_mid_poll otxpulses "the request for page 3" asked_page3_otx
cursor=$(cursor_of otxpulses)
expect_contains "$cursor" '"position":"resume ' "the OTX cursor after the kill"
expect_contains "$cursor" " $base/page3.json?page=3\"" "the OTX cursor after the kill names page 3"
curl -sS --cacert "$WORK/pki/ca.pem" -X DELETE "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null
clear_stats
run_tcfeed "$WORK/otx-resumed.log" run --once --config "$config" --connector otxpulses
expect_eq "$CODE" 0 "exit code of the resumed OTX run: $(cat "$WORK/otx-resumed.log")"
stats_now=$(stats)
expect_contains "$stats_now" '"/files/otx/page3.json":1' "page 3 read by the resumed run"
expect_not_contains "$stats_now" "subscribed" "page 1 not read again"
expect_not_contains "$stats_now" "page2.json" "page 2 not read again"
expect_contains "$(cat "$WORK/otx-resumed.log")" "connector otxpulses: 2 records, 2 indicators" "resumed OTX run"
# Page 3's pulse is older than page 2's: the cursor is the newest of the whole poll, not page 3's.
expect_contains "$(cursor_of otxpulses)" "\"position\":\"${newest:0:19}" "the OTX cursor after the resumed run"
for host in p1-a p1-b p2-a p2-b p3-a p3-b; do expect_eq "$(held "$host.otx.example")" 1 "$host at the sandbox"; done
echo "PASS"
