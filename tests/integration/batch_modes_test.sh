# Batch forms and sizes: an upload the platform finds too large is split and resent until it
# fits; `batch.mode: create_and_upload` delivers in one call per job.
source "$(dirname "$0")/lib.sh"
start_sandbox server --max-upload 3000 --running-polls 0
hosts_feed "$WORK/hosts.txt" 100
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" \
  "    indicator_type: Host"
printf 'batch:\n  max_bytes: 100000\n  poll_interval: 10ms\n' >>"$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 0 "exit code when uploads must be split"
expect_contains "$log" "too large for the platform; splitting" "run log"
expect_contains "$log" "100 delivered, 0 rejected by the platform, 0 undelivered" "run log"
[[ $("$TCFEED" indicators --config "$WORK/tcfeed.yaml" --owner "$OWNER" --type Host --json | grep -o '"summary"' | wc -l) == 100 ]] ||
  fail "the sandbox does not hold all 100 hosts"

curl -sS -X POST --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/reset" >/dev/null
curl -sS -X DELETE --cacert "$WORK/pki/ca.pem" "https://localhost:$SANDBOX_PORT/_sandbox/stats" >/dev/null
rm -f "$WORK/state.db"*
printf '  mode: create_and_upload\n' >>"$WORK/tcfeed.yaml"
run_tcfeed "$WORK/run.log" run --once --config "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "exit code with create_and_upload"
expect_contains "$(cat "$WORK/run.log")" "100 delivered" "run log"
stats=$(sandbox_get /_sandbox/stats)
expect_contains "$stats" '"/api/v2/batch/createAndUpload"' "sandbox log"
expect_not_contains "$stats" '"method":"POST","path":"/api/v2/batch",' "sandbox log (no separate job creation)"
echo PASS
