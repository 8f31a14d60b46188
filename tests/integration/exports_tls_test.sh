# The exports listener (docs/exports.md, Serving): with http.exports the lists are served over TLS
# on an address of their own, with ETag and 304 and per-export auth, while the status listener
# keeps the status page and /metrics and no longer serves /exports/NAME; plain HTTP to the TLS
# port gets no answer. A certificate or key the listener could not use is a located config
# error that never shows the key; a port already taken is a clear start-up error; a renewed
# certificate is read again on SIGHUP.
source "$(dirname "$0")/lib.sh"
export EDL_TOKEN=edl-token-for-the-tls-test
start_sandbox
change() {
  curl -sS --fail --cacert "$WORK/pki/ca.pem" -X POST -d "$1" "https://localhost:$SANDBOX_PORT/_sandbox/indicators" \
    >/dev/null || fail "sandbox refused the change $1"
}
for i in 1 2 3; do
  change "{\"owner\":\"$OWNER\",\"type\":\"Address\",\"summary\":\"11.0.0.$i\",\"rating\":4,\"confidence\":80}"
done

# A self-signed certificate for 127.0.0.1, its key readable by its owner only (a secret file).
tls_pair() {  # tls_pair NAME CN
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$2" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/$1.key" -out "$WORK/$1.pem" 2>/dev/null
  chmod 600 "$WORK/$1.key"
}
tls_pair exports "tcfeed exports"
tls_pair other "another pair"

config() {  # config FILE [http.exports lines...]
  write_config "$1"
  cat >>"$1" <<YAML
exports:
  - name: ips
    owners: ["$OWNER"]
    types: [Address]
  - name: ips-auth
    owners: ["$OWNER"]
    types: [Address]
    auth: { bearer_token_env: EDL_TOKEN }
http:
  listen: 127.0.0.1:0
YAML
  if (($# > 1)); then
    echo "  exports:" >>"$1"
    printf '    %s\n' "${@:2}" >>"$1"
  fi
}
check() {  # check FILE — check-config --offline; sets CODE, the output in $WORK/check.log
  run_tcfeed "$WORK/check.log" check-config --offline --config "$1"
}
key_line=$(sed -n 2p "$WORK/exports.key")
line_of() { grep -n "$2" "$1" | head -1 | cut -d: -f1; }  # line_of FILE PATTERN

# Configuration errors, located, the key never shown.
config "$WORK/nocert.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/missing.pem" "tls_key_file: $WORK/exports.key"
check "$WORK/nocert.yaml"
expect_eq "$CODE" 2 "check-config exit code for a missing certificate"
expect_contains "$(cat "$WORK/check.log")" "$WORK/nocert.yaml:$(line_of "$WORK/nocert.yaml" tls_cert_file): http.exports.tls_cert_file: no such file: $WORK/missing.pem" "missing certificate"
config "$WORK/nokey.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.pem"
check "$WORK/nokey.yaml"
expect_eq "$CODE" 2 "check-config exit code for a certificate without a key"
expect_contains "$(cat "$WORK/check.log")" "http.exports.tls_cert_file: the exports listener serves HTTPS only" "no key"
config "$WORK/notls.yaml" "listen: 127.0.0.1:0"
check "$WORK/notls.yaml"
expect_eq "$CODE" 2 "check-config exit code for a listener without TLS"
expect_contains "$(cat "$WORK/check.log")" "$WORK/notls.yaml:$(line_of "$WORK/notls.yaml" "^    listen:"): http.exports.listen: the exports listener serves HTTPS only" "no TLS"
config "$WORK/mismatch.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.pem" "tls_key_file: $WORK/other.key"
check "$WORK/mismatch.yaml"
expect_eq "$CODE" 2 "check-config exit code for a key of another certificate"
expect_contains "$(cat "$WORK/check.log")" "$WORK/mismatch.yaml:$(line_of "$WORK/mismatch.yaml" tls_key_file): http.exports.tls_key_file: the key does not match the certificate in $WORK/exports.pem" "mismatched key"
expect_not_contains "$(cat "$WORK/check.log")" "$key_line" "the error"
config "$WORK/swapped.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.key" "tls_key_file: $WORK/exports.key"
check "$WORK/swapped.yaml"
expect_eq "$CODE" 2 "check-config exit code for a key given as the certificate"
expect_contains "$(cat "$WORK/check.log")" "http.exports.tls_cert_file: $WORK/exports.key is not a PEM certificate chain" "key as certificate"
expect_not_contains "$(cat "$WORK/check.log")" "$key_line" "the error"
cp "$WORK/exports.key" "$WORK/open.key" && chmod 644 "$WORK/open.key"
config "$WORK/open.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.pem" "tls_key_file: $WORK/open.key"
check "$WORK/open.yaml"
expect_eq "$CODE" 2 "check-config exit code for a key others may read"
expect_contains "$(cat "$WORK/check.log")" "http.exports.tls_key_file" "a key others may read"
config "$WORK/tcfeed.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.pem" "tls_key_file: $WORK/exports.key"
check "$WORK/tcfeed.yaml"
expect_eq "$CODE" 0 "check-config exit code for a good pair: $(cat "$WORK/check.log")"

# The daemon: the lists over TLS on their own port.
start_daemon "$WORK/tcfeed.yaml" "$WORK/daemon.log"
EXPORTS_PORT=$(grep -o 'exports on https://127.0.0.1:[0-9]*/exports/' "$WORK/daemon.log" | grep -o '[0-9]*/exports/$' | cut -d/ -f1)
[[ -n "$EXPORTS_PORT" ]] || fail "no exports listener in the log: $(cat "$WORK/daemon.log")"
EXPORTS="https://127.0.0.1:$EXPORTS_PORT/exports"
tls_get() { curl -sS --cacert "$WORK/exports.pem" "$@"; }
tls_code() { curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/exports.pem" "$@" || true; }
wait_for 30 "the list over TLS" bash -c "curl -sf --cacert '$WORK/exports.pem' $EXPORTS/ips | grep -qx 11.0.0.3"
tls_get -D "$WORK/h1" -o "$WORK/served.txt" "$EXPORTS/ips"
expect_eq "$(sort "$WORK/served.txt" | tr '\n' ' ')" "11.0.0.1 11.0.0.2 11.0.0.3 " "the list over TLS"
etag=$(grep -i '^etag:' "$WORK/h1" | cut -d' ' -f2 | tr -d '\r')
[[ "$etag" == \"*\" ]] || fail "no ETag over TLS: $(cat "$WORK/h1")"
expect_eq "$(tls_code -H "If-None-Match: $etag" "$EXPORTS/ips")" 304 "If-None-Match over TLS"
expect_eq "$(tls_code -H 'If-None-Match: "other"' "$EXPORTS/ips")" 200 "another ETag over TLS"
# Keep-alive over TLS: two requests, one connection.
out=$(curl -sS -v --cacert "$WORK/exports.pem" -o /dev/null -o /dev/null "$EXPORTS/ips" "$EXPORTS/ips" 2>&1)
expect_contains "$out" "Re-using existing connection" "a second request over TLS"
# Per-export auth on the TLS listener.
expect_eq "$(tls_code "$EXPORTS/ips-auth")" 401 "no token over TLS"
expect_eq "$(tls_code -H 'Authorization: Bearer wrong' "$EXPORTS/ips-auth")" 401 "a wrong token over TLS"
wait_for 30 "the authorised list" bash -c \
  "[[ \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$WORK/exports.pem' -H 'Authorization: Bearer $EDL_TOKEN' $EXPORTS/ips-auth) == 200 ]]"
expect_eq "$(tls_code "$EXPORTS/nothing")" 404 "an unknown export over TLS"
expect_eq "$(tls_code "https://127.0.0.1:$EXPORTS_PORT/metrics")" 404 "/metrics on the exports listener"
# Plain HTTP to the TLS port gets no HTTP answer.
set +e
plain=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$EXPORTS_PORT/exports/ips")
plain_code=$?
set -e
((plain_code != 0)) || fail "plain HTTP to the TLS port succeeded with status $plain"
expect_eq "$plain" 000 "plain HTTP to the TLS port"

# The status listener: the page and /metrics, no lists.
expect_eq "$(status_code /exports/ips)" 404 "/exports/ips on the status listener"
expect_eq "$(status_code /)" 200 "the status page"
expect_eq "$(status_code /metrics)" 200 "/metrics"
metrics=$(status_get /metrics)
expect_contains "$metrics" 'tcfeed_export_requests_total{export="ips",status="304"} 1' "metrics"
expect_contains "$metrics" 'tcfeed_export_requests_total{export="ips-auth",status="401"} 2' "metrics"
expect_not_contains "$metrics$(status_get /)$(cat "$WORK/daemon.log")" "$EDL_TOKEN" "metrics, status page and log"
expect_not_contains "$(cat "$WORK/daemon.log")" "$key_line" "the log"

# A port already taken: a clear start-up error naming the setting.
config "$WORK/taken.yaml" "listen: 127.0.0.1:$EXPORTS_PORT" "tls_cert_file: $WORK/exports.pem" "tls_key_file: $WORK/exports.key"
sed -i "s|$WORK/state.db|$WORK/state2.db|" "$WORK/taken.yaml"
run_tcfeed "$WORK/taken.log" run --config "$WORK/taken.yaml"
expect_eq "$CODE" 1 "exit code when the exports port is taken"
expect_contains "$(cat "$WORK/taken.log")" "http.exports.listen 127.0.0.1:$EXPORTS_PORT: address already in use" "bind failure"

# A renewed certificate (same files, new contents) is served after SIGHUP without a restart.
fingerprint() {
  openssl s_client -connect "127.0.0.1:$EXPORTS_PORT" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256
}
before=$(fingerprint)
[[ "$before" == *Fingerprint* ]] || fail "no certificate from the exports listener"
tls_pair exports "tcfeed exports renewed"
kill -HUP "$DAEMON_PID"
wait_for 20 "the reload" grep -q "configuration reloaded" "$WORK/daemon.log"
expect_contains "$(cat "$WORK/daemon.log")" "exports listener certificate and key read again" "the reload"
[[ "$(fingerprint)" != "$before" ]] || fail "the exports listener still serves the old certificate after SIGHUP"
expect_eq "$(tls_code -H "If-None-Match: $etag" "$EXPORTS/ips")" 304 "the list with the renewed certificate"
# A reload whose key does not match its certificate is refused; the running listener keeps serving.
config "$WORK/tcfeed.yaml" "listen: 127.0.0.1:0" "tls_cert_file: $WORK/exports.pem" "tls_key_file: $WORK/other.key"
kill -HUP "$DAEMON_PID"
wait_for 20 "the refused reload" grep -q "reload refused" "$WORK/daemon.log"
expect_contains "$(grep "reload refused" "$WORK/daemon.log")" "the key does not match the certificate" "the refused reload"
expect_eq "$(tls_code -H "If-None-Match: $etag" "$EXPORTS/ips")" 304 "the list after a refused reload"
expect_not_contains "$(cat "$WORK/daemon.log")" "$(sed -n 2p "$WORK/other.key")" "the log"
stop_daemon
expect_eq "$DAEMON_CODE" 0 "exit code after SIGTERM"
echo "exports_tls: ok"
