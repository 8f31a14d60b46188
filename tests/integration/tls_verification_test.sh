# The client verifies the platform's certificate chain and host name: a certificate valid for
# another name, and a CA the client was not given, are both refused before any request is sent.
source "$(dirname "$0")/lib.sh"
start_sandbox wrong-host
write_config "$WORK/tcfeed.yaml"

set +e
out=$("$TCFEED" check-config --config "$WORK/tcfeed.yaml" 2>&1)
code=$?
set -e
expect_eq "$code" 1 "exit code with a wrong-host certificate"
expect_contains "$out" "host name" "wrong-host error"
[[ $(grep -c " 200" "$WORK/sandbox.log" || true) == 0 ]] || fail "a request got through: $(cat "$WORK/sandbox.log")"

kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
start_sandbox server
write_config "$WORK/tcfeed.yaml"
sed -i '/ca_file:/d' "$WORK/tcfeed.yaml"  # system store only: the test CA is unknown
set +e
out=$("$TCFEED" check-config --config "$WORK/tcfeed.yaml" 2>&1)
code=$?
set -e
expect_eq "$code" 1 "exit code with an unknown CA"
expect_contains "$out" "certificate" "unknown CA error"

write_config "$WORK/tcfeed.yaml"
"$TCFEED" check-config --config "$WORK/tcfeed.yaml" >/dev/null || fail "the right CA and host were refused"
echo "PASS"
