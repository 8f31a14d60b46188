#!/usr/bin/env bash
# make-certs.sh DIR — test PKI for tcfeed-sandbox: a CA (ca.pem, ca.key), a server certificate for
# DNS:localhost + IP:127.0.0.1 (server.pem, server.key) and one for DNS:wrong.example only
# (wrong-host.pem, wrong-host.key), so tests can check that hostname verification fails; a client
# certificate (client.pem, client.key) for --client-ca, and a key that is not its (other.key).
# EC P-256, valid 30 days; overwrites what is there.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"
umask 077

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

new_key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=tcfeed-sandbox test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem 2>/dev/null

# issue NAME CN SAN [USAGE]: a leaf certificate (for TLS servers unless USAGE says clientAuth),
# signed by the CA above.
issue() {
  local name=$1 cn=$2 san=$3 usage=${4:-serverAuth} ext
  new_key "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$cn" -out "$name.csr" 2>/dev/null
  ext=$(mktemp)
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=$usage" "subjectAltName=$san" >"$ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
    -extfile "$ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr" "$ext"
}

issue server localhost "DNS:localhost,IP:127.0.0.1"
issue wrong-host wrong.example "DNS:wrong.example"
issue client "tcfeed test client" "DNS:tcfeed-client.example" clientAuth
new_key other.key
rm -f ca.srl
chmod 644 ca.pem server.pem wrong-host.pem client.pem
