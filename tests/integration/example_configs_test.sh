# Every configuration shipped in config/ loads and validates offline. demo.yaml names the files
# scripts/demo creates under /tmp/tcfeed-demo; it is checked with that directory moved into the
# test's scratch space. container.yaml (the image's) reads its secret from /run/secrets, which a
# container runtime provides; here that directory is in the scratch space too.
source "$(dirname "$0")/lib.sh"
export TC_SECRET_KEY=example-secret-for-validation
# tcfeed.example.yaml's abuse.ch connectors read their key from this; check-config reads every
# secret reference (check_config_test.sh shows it refuses the file without it).
export ABUSECH_AUTH_KEY=example-key-for-validation
# and its taxii21 connector its basic-auth password from this, its otx connector its key from the next.
export PARTNER_TAXII_PASSWORD=example-password-for-validation
export OTX_API_KEY=example-key-for-validation
# and its misp connector its API key from this.
export MISP_API_KEY=example-key-for-validation
mkdir -p "$WORK/demo/pki"
cp "$WORK/pki/ca.pem" "$WORK/demo/pki/ca.pem"
cp "$WORK/secret_key" "$WORK/demo/secret_key"
mkdir -p "$WORK/run-secrets"
cp "$WORK/secret_key" "$WORK/run-secrets/tc_secret_key"
checked=0
for file in "$TCFEED_SOURCE_DIR"/config/*.yaml; do
  if [[ $(basename "$file") == demo.yaml ]]; then
    sed "s|/tmp/tcfeed-demo|$WORK/demo|g" "$file" >"$WORK/demo.yaml"
    file=$WORK/demo.yaml
  elif [[ $(basename "$file") == container.yaml ]]; then
    grep -q 'secret_key_file: /run/secrets/tc_secret_key' "$file" || fail "container.yaml does not read /run/secrets/tc_secret_key"
    sed "s|/run/secrets/|$WORK/run-secrets/|g" "$file" >"$WORK/container.yaml"
    file=$WORK/container.yaml
  fi
  out=$("$TCFEED" check-config --offline --config "$file" 2>&1) || fail "$file does not validate: $out"
  expect_contains "$out" ": valid (" "check-config $file"
  checked=$((checked + 1))
done
(( checked >= 3 )) || fail "expected at least demo.yaml, tcfeed.example.yaml and container.yaml, checked $checked"
echo PASS
