# Feed data cannot forge log lines (issue 13, hostile input 3): a ThreatFox answer whose
# query_status carries a newline and a fake `critical` line, CR, ESC and NUL, and a text feed with
# raw control bytes and invalid UTF-8 in its lines. In the text and the JSON log format every line
# is the logger's own (a timestamp first), none holds a raw control byte, and the hostile text
# shows escaped.
source "$(dirname "$0")/lib.sh"
start_sandbox server --running-polls 0
# JSON escapes: the reader decodes them into the real bytes.
printf '%s' '{"query_status":"ok\n2026-01-01T00:00:00Z critical forged line\r\u001b[2J\u0000end","data":[]}' \
  >"$WORK/threatfox.json"
printf 'good-one.example\nevil\x1b[31m.example\nnul\x00byte.example\r\nbad\xff\xfeutf8.example\n\x9b2Jc1.example\n' \
  >"$WORK/hosts.txt"
write_config "$WORK/tcfeed.yaml" \
  "  - name: threatfox" "    type: threatfox" "    owner: $OWNER" "    url: file://$WORK/threatfox.json" \
  "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/hosts.txt" "    indicator_type: Host"

check_lines() {  # LOG FIRST-PATTERN WHAT
  local bad
  bad=$(grep -anvE "$2" "$1" || true)
  [[ -z "$bad" ]] || fail "$3: lines the logger did not write: $bad"
  if LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]' "$1" >/dev/null; then
    fail "$3: a raw control byte: $(LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]' "$1" | cat -v)"
  fi
  if LC_ALL=C grep -naP '\xc2[\x80-\x9f]|\xff|\xfe' "$1" >/dev/null; then
    fail "$3: a C1 control or an invalid UTF-8 byte: $(LC_ALL=C grep -naP '\xc2[\x80-\x9f]|\xff|\xfe' "$1" | cat -v)"
  fi
}

run_tcfeed "$WORK/text.log" run --once --config "$WORK/tcfeed.yaml" --log-level debug
(( CODE != 0 )) || fail "run --once exited 0 with a failed connector"
check_lines "$WORK/text.log" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z (debug|info|warning|error|critical) ' "text log"
log=$(cat "$WORK/text.log")
# (The status is shown whole, its NUL escaped too: an exception's text would end there.)
expect_contains "$log" "error connector threatfox: ThreatFox API: query_status 'ok\\n2026-01-01T00:00:00Z critical forged line\\r\\x1b[2J\\x00end'"$'\n' "text log"
expect_not_contains "$log" $'\n2026-01-01T00:00:00Z critical' "text log"
expect_contains "$log" "owner '$OWNER': 1 delivered" "text log (the good line went on)"

rm -f "$WORK/state.db"*
run_tcfeed "$WORK/json.log" run --once --config "$WORK/tcfeed.yaml" --log-format json --log-level debug
# Fields may follow "msg" (numbers too), so the line's end is checked by jq: each line one object.
check_lines "$WORK/json.log" '^\{"time":"[^"]*","level":"[a-z]*","msg":".*\}$' "JSON log"
jq -e 'select(.msg | type == "string")' "$WORK/json.log" >/dev/null || fail "JSON log: a line is not a JSON object"
# The line's fields follow "msg" (lib/core/log_fields.hpp): the connector and owner it is about.
expect_contains "$(cat "$WORK/json.log")" 'query_status '"'"'ok\\n2026-01-01T00:00:00Z critical forged line\\r\\x1b[2J\\x00end'"'"'","connector":"threatfox","owner":"'"$OWNER"'"}' "JSON log"
# The summary line's counts are fields, not only words in "msg".
expect_contains "$(grep '"msg":"connector hosts: ' "$WORK/json.log" | grep '"records":')" \
  '"connector":"hosts","owner":"'"$OWNER"'","records":5,"indicators":1,' "JSON summary line"
expect_contains "$(cat "$WORK/json.log")" '"outcome":"rejected","reason":"control_character","count":' "JSON reason line"
echo PASS
