# Exports on SIGHUP (docs/exports.md, Reload): an export added is read and served, one removed
# answers 404 at once, a changed filter reads the list again in full, a changed format is served
# at once from the stored list (even while ThreatConnect fails), an unchanged export is left
# running, and a reload the exports make invalid is refused with the running exports kept.
source "$(dirname "$0")/lib.sh"
start_sandbox
change() {
  curl -sS --fail --cacert "$WORK/pki/ca.pem" -X POST -d "$1" "https://localhost:$SANDBOX_PORT/_sandbox/indicators" \
    >/dev/null || fail "sandbox refused the change $1"
}
fault() { curl -sS --fail --cacert "$WORK/pki/ca.pem" -X POST -d "$1" "https://localhost:$SANDBOX_PORT/_sandbox/faults" >/dev/null; }
for i in 1 2 3; do
  change "{\"owner\":\"$OWNER\",\"type\":\"Address\",\"summary\":\"11.0.0.$i\",\"rating\":4,\"confidence\":80}"
done
change "{\"owner\":\"$OWNER\",\"type\":\"Address\",\"summary\":\"11.0.0.4\",\"rating\":2,\"confidence\":80}"
change "{\"owner\":\"$OWNER\",\"type\":\"Host\",\"summary\":\"bad.example\",\"rating\":4,\"confidence\":80}"

ips() {  # ips [filter lines...]
  printf '%s\n' "  - name: ips" "    owners: [\"$OWNER\"]" "    types: [Address]" "    every: 10s" "$@"
}
hosts() {  # hosts [format]
  printf '%s\n' "  - name: hosts" "    owners: [\"$OWNER\"]" "    types: [Host]" "    format: ${1:-edl}"
}
config() {  # config EXPORT_BLOCKS...
  write_config "$WORK/tcfeed.yaml"
  { echo "exports:"; printf '%s\n' "$@"; printf 'http:\n  listen: 127.0.0.1:0\n'; } >>"$WORK/tcfeed.yaml"
}
served() { curl -s "http://127.0.0.1:$STATUS_PORT/exports/$1" | sort | tr '\n' ' '; }
reloads=0
reload() {  # reload WHAT — SIGHUP, then wait for the reload's end (applied or refused)
  reloads=$((reloads + 1))
  kill -HUP "$DAEMON_PID"
  wait_for 30 "$1" bash -c "(( \$(grep -c -e 'configuration reloaded' -e 'reload refused' '$WORK/daemon.log') >= $reloads ))"
}

config "$(ips)"
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
wait_for 30 "the first list" bash -c "[[ \"\$(curl -s http://127.0.0.1:$STATUS_PORT/exports/ips | sort | tr '\n' ' ')\" == '11.0.0.1 11.0.0.2 11.0.0.3 11.0.0.4 ' ]]"
expect_eq "$(status_code /exports/hosts)" 404 "hosts before it is configured"

# Added, and a filter changed: the new export is read and served; the changed one is read again
# in full, so an entry the new filter excludes leaves although it did not change on the platform.
config "$(ips "    min_rating: 3")" "$(hosts)"
reload "the reload adding hosts"
expect_contains "$(cat "$WORK/daemon.log")" "reload: export hosts added: served at /exports/hosts" "the reload"
expect_contains "$(cat "$WORK/daemon.log")" "reload: export ips changed (min_rating): the list is read again in full now" "the reload"
wait_for 30 "the added export" bash -c "curl -sf http://127.0.0.1:$STATUS_PORT/exports/hosts | grep -qx bad.example"
wait_for 30 "the refiltered list" bash -c "[[ \"\$(curl -s http://127.0.0.1:$STATUS_PORT/exports/ips | sort | tr '\n' ' ')\" == '11.0.0.1 11.0.0.2 11.0.0.3 ' ]]"
expect_contains "$(status_get /metrics)" 'tcfeed_export_entries{export="hosts"} 1' "metrics of the added export"

# Removed: 404 as soon as the reload is done; its gauges go; the other is left running.
config "$(hosts)"
reload "the reload removing ips"
expect_eq "$(status_code /exports/ips)" 404 "the removed export"
expect_contains "$(cat "$WORK/daemon.log")" "reload: export ips removed" "the reload"
expect_contains "$(cat "$WORK/daemon.log")" "reload: 1 export unchanged, left running: hosts" "the reload"
expect_not_contains "$(status_get /metrics)" 'tcfeed_export_entries{export="ips"}' "metrics of the removed export"
expect_eq "$(served hosts)" "bad.example " "the export left running"

# A format changed while ThreatConnect fails: the stored list is served in the new format at once.
fault '{"kind":"status","status":503,"path":"/api/v3/indicators"}'
config "$(hosts csv)"
reload "the reload changing the format"
body=$(curl -s "http://127.0.0.1:$STATUS_PORT/exports/hosts")
expect_eq "$(head -1 <<<"$body")" "type,value,owner,rating,confidence,threatAssessRating,threatAssessConfidence,threatAssessScore,lastModified,tags" "the csv header at once"
expect_contains "$body" "Host,bad.example,$OWNER" "the csv rows at once"

# A reload the exports make invalid: refused with the file and line, the running exports kept.
config "$(hosts csv)" "    never: [not a value at all]"
reload "the refused reload"
expect_contains "$(grep 'reload refused' "$WORK/daemon.log")" "$WORK/tcfeed.yaml:" "the refusal"
expect_contains "$(curl -s "http://127.0.0.1:$STATUS_PORT/exports/hosts")" "Host,bad.example" "the export after a refused reload"
kill -0 "$DAEMON_PID" || fail "the daemon died on a refused reload"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo "exports_reload: ok"
