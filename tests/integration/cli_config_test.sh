# Commands that fit people's habits: -c/--config, TCFEED_CONFIG and the default path (the error
# says which chose the file); check-config reads every secret reference, suggests the nearest
# owner and never says "valid" before a refusal; `connectors [TYPE]` lists the transport keys once;
# `state show` prints every section; counts agree with their nouns.
source "$(dirname "$0")/lib.sh"
start_sandbox
printf 'a.example\n' >"$WORK/feed.txt"
write_config "$WORK/tcfeed.yaml" "  - name: hosts" "    type: text" "    owner: $OWNER" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host"

# --- Which file: --config, -c, TCFEED_CONFIG, the default; the flag wins.
expect_contains "$("$TCFEED" check-config --offline --config "$WORK/tcfeed.yaml")" "tcfeed.yaml: valid (1 connector," "--config"
expect_contains "$("$TCFEED" check-config --offline -c "$WORK/tcfeed.yaml")" ": valid (" "-c"
expect_contains "$("$TCFEED" -c "$WORK/tcfeed.yaml" check-config --offline)" ": valid (" "-c before the command"
expect_contains "$(TCFEED_CONFIG=$WORK/tcfeed.yaml "$TCFEED" check-config --offline)" "$WORK/tcfeed.yaml: valid (" "TCFEED_CONFIG"
expect_contains "$(TCFEED_CONFIG=$WORK/missing.yaml "$TCFEED" check-config --offline -c "$WORK/tcfeed.yaml")" ": valid (" \
  "--config wins over TCFEED_CONFIG"
set +e
out=$(TCFEED_CONFIG=$WORK/missing.yaml "$TCFEED" state show 2>&1); code=$?
set -e
expect_eq "$code" 2 "exit code for a missing file named by TCFEED_CONFIG"
expect_contains "$out" "$WORK/missing.yaml: cannot read the file" "missing file"
expect_contains "$out" "(configuration file $WORK/missing.yaml, chosen by TCFEED_CONFIG)" "missing file names TCFEED_CONFIG"
set +e
out=$(env -u TCFEED_CONFIG "$TCFEED" owners 2>&1); code=$?
set -e
if [[ ! -e /etc/tcfeed/tcfeed.yaml ]]; then
  expect_eq "$code" 2 "exit code for a missing default file"
  expect_contains "$out" "(configuration file /etc/tcfeed/tcfeed.yaml, chosen by the default; give --config FILE or set TCFEED_CONFIG)" \
    "missing default file"
fi
set +e
out=$("$TCFEED" state show --config "$WORK/missing.yaml" 2>&1)
set -e
expect_contains "$out" "chosen by --config" "missing file named by --config"

# --- check-config resolves every secret reference: an unset variable or a missing file is a
# located error naming the key, and nothing says "valid".
https_feed() {  # NAME, then the connector's extra lines
  local name=$1
  shift
  printf '%s\n' "  - name: $name" "    type: text" "    owner: $OWNER" "    url: https://localhost:$SANDBOX_PORT/feeds/x.txt" \
    "    indicator_type: Host" "$@"
}
write_config "$WORK/secrets.yaml" "$(https_feed keyed "    auth_header: X-Key" "    auth_secret_env: TCFEED_TEST_UNSET_KEY")"
run_tcfeed "$WORK/unset.log" check-config --offline --config "$WORK/secrets.yaml"
expect_eq "$CODE" 2 "check-config exit code with an unset auth_secret_env"
expect_contains "$(cat "$WORK/unset.log")" \
  "secrets.yaml:15: connectors[0].auth_secret_env: environment variable TCFEED_TEST_UNSET_KEY is not set or empty" "unset env"
expect_not_contains "$(cat "$WORK/unset.log")" "valid (" "unset env"
TCFEED_TEST_UNSET_KEY=canary-value-1234 run_tcfeed "$WORK/set.log" check-config --offline --config "$WORK/secrets.yaml"
expect_eq "$CODE" 0 "check-config with the variable set"
write_config "$WORK/secrets.yaml" "$(https_feed filed "    auth_bearer: true" "    auth_secret_file: $WORK/no-such-key")"
run_tcfeed "$WORK/nofile.log" check-config --offline --config "$WORK/secrets.yaml"
expect_eq "$CODE" 2 "check-config exit code with a missing auth_secret_file"
expect_contains "$(cat "$WORK/nofile.log")" "secrets.yaml:15: connectors[0].auth_secret_file: cannot read secret file $WORK/no-such-key" \
  "missing secret file"
# A secret's content is never printed, even when its file is refused for its mode.
printf 'canary-secret-5678' >"$WORK/loose-key"
chmod 644 "$WORK/loose-key"
write_config "$WORK/secrets.yaml" "$(https_feed loose "    auth_bearer: true" "    auth_secret_file: $WORK/loose-key")"
run_tcfeed "$WORK/loose.log" check-config --offline --config "$WORK/secrets.yaml"
expect_eq "$CODE" 2 "check-config exit code with a group-readable secret file"
expect_not_contains "$(cat "$WORK/loose.log")" "canary-secret-5678" "refused secret file"
# The daemon refuses the same file: one validation path.
run_tcfeed "$WORK/run-unset.log" run --once --config "$WORK/secrets.yaml"
expect_eq "$CODE" 2 "run --once exit code with a refused secret file"

# --- Online: the nearest owner name is suggested, and "valid" is not printed first.
write_config "$WORK/owner.yaml" "  - name: hosts" "    type: text" "    owner: demo organisation" "    url: file://$WORK/feed.txt" \
  "    indicator_type: Host"
set +e
stdout=$("$TCFEED" check-config --config "$WORK/owner.yaml" 2>"$WORK/owner.log"); code=$?
set -e
expect_eq "$code" 2 "check-config exit code for an unknown owner"
expect_contains "$(cat "$WORK/owner.log")" \
  "owner.yaml:11: connectors[0].owner: owner 'demo organisation' is not among the owners the API user can see (did you mean 'Demo Organization'?)" \
  "owner suggestion"
expect_contains "$(cat "$WORK/owner.log")" "not valid: 1 problem" "check-config verdict"
expect_not_contains "$stdout" "valid" "check-config stdout for a refused file"
out=$("$TCFEED" check-config --config "$WORK/tcfeed.yaml")
expect_contains "$out" "valid (1 connector, " "online check-config"
expect_contains "$out" "credentials accepted, the API user sees 2 owners" "online check-config"

# --- connectors: the transport keys once; one type, in any case.
all=$("$TCFEED" connectors)
expect_eq "$(grep -c '^  fetch_timeout ' <<<"$all")" 1 "fetch_timeout lines in tcfeed connectors"
expect_eq "$(grep -c '^  proxy ' <<<"$all")" 1 "proxy lines in tcfeed connectors"
expect_contains "$all" "and the transport keys above; here url: e.g. https://urlhaus.abuse.ch/downloads/csv_recent/" "urlhaus"
one=$("$TCFEED" connectors URLhaus)
expect_contains "$one" $'\nurlhaus\n' "connectors URLhaus"
expect_contains "$one" "backfill" "connectors URLhaus"
expect_not_contains "$one" $'\nfeodo\n' "connectors URLhaus"
set +e
out=$("$TCFEED" connectors urlhuas 2>&1); code=$?
set -e
expect_eq "$code" 2 "connectors with an unknown type"
expect_contains "$out" "no connector type 'urlhuas' (did you mean 'urlhaus'?)" "connectors with an unknown type"

# --- state show: every section, an empty one as "none".
"$TCFEED" run --once -c "$WORK/tcfeed.yaml" 2>"$WORK/once.log"
expect_contains "$(cat "$WORK/once.log")" "connector hosts: 1 record, 1 indicator," "plural in the run log"
expect_contains "$(cat "$WORK/once.log")" "1 batch queued for owner" "plural in the run log"
expect_contains "$(cat "$WORK/once.log")" "in 1 job; 0 batches left in the outbox" "plural in the run log"
show=$("$TCFEED" state show -c "$WORK/tcfeed.yaml")
for section in CURSORS OUTBOX "DEAD LETTERS" LISTS; do expect_contains "$show" "$section" "state show"; done
grep -q "^  $OWNER *none$" <<<"$show" || fail "state show does not say 'none' for the empty outbox: $show"
grep -q "^  hosts *none$" <<<"$show" || fail "state show does not say 'none' for an empty list: $show"
json=$("$TCFEED" state show --json -c "$WORK/tcfeed.yaml")
expect_contains "$json" '"outbox":[]' "state show --json"
expect_contains "$json" '"lists":[{"connector":"hosts","snapshot_members":0,"mentions":0}]' "state show --json"
echo PASS
