# systemd/tcfeed.service (issue 7): hardened to an exposure of at most 2.0, valid for this systemd
# (252) with its commands pointing at the real binary, its ExecStartPre= check passing with the
# credential it loads, a stop timeout longer than shutdown_grace; the sysusers file creates the
# user it runs as; `cmake --install` puts everything in its FHS place and rewrites the unit's paths.
# Needs no running systemd: all of this works on a machine (or container) whose PID 1 is not systemd.
source "$(dirname "$0")/lib.sh"
: "${TCFEED_BUILD_DIR:?}" "${CMAKE_COMMAND:=cmake}"
unit_src=$TCFEED_SOURCE_DIR/systemd/tcfeed.service
command -v systemd-analyze >/dev/null || fail "systemd-analyze missing (Debian package systemd, scripts/packages.txt)"

# 1. The exposure score. --offline reads the file instead of asking the (absent) service manager;
# --threshold=20 fails the run above 2.0 on systemd's 0-10 scale.
set +e
security=$(systemd-analyze security --offline=yes --threshold=20 --no-pager "$unit_src" 2>&1)
code=$?
set -e
exposure=$(grep -o 'Overall exposure level for tcfeed.service: [0-9.]*' <<<"$security" | awk '{print $NF}')
echo "systemd-analyze security: exposure ${exposure:-?} (threshold 2.0)"
[[ $code == 0 && -n "$exposure" ]] || fail "exposure above 2.0 (exit $code):"$'\n'"$security"

# 2. systemd-analyze verify on a copy whose commands and configuration point into the build tree, so
# it checks that the binary it names exists and is executable. verify runs its own in-process
# manager in test mode, so it needs neither PID 1 nor root; --generators=no keeps the host's
# generators (which want root) out of it, and --recursive-errors=no judges this unit alone, not
# whatever else the host has installed. verify exits 0 on warnings (an unknown key, a value this
# systemd cannot parse, such as Type=notify-reload before 253), so any line about the unit fails.
mkdir -p "$WORK/unit" "$WORK/etc" "$WORK/credentials"
sed -e "s|=/usr/bin/tcfeed |=$TCFEED |" -e "s|/etc/tcfeed/tcfeed.yaml|$WORK/etc/tcfeed.yaml|g" \
  "$unit_src" >"$WORK/unit/tcfeed.service"
grep -q "^ExecStart=$TCFEED run " "$WORK/unit/tcfeed.service" || fail "ExecStart= does not start /usr/bin/tcfeed run"
grep -q "^ExecStartPre=$TCFEED check-config --offline " "$WORK/unit/tcfeed.service" ||
  fail "ExecStartPre= does not run /usr/bin/tcfeed check-config --offline"
set +e
verify=$(systemd-analyze verify --generators=no --recursive-errors=no "$WORK/unit/tcfeed.service" 2>&1)
code=$?
set -e
[[ $code == 0 ]] || fail "systemd-analyze verify failed (exit $code):"$'\n'"$verify"
about_unit=$(grep -F 'tcfeed.service' <<<"$verify" || true)
[[ -z "$about_unit" ]] || fail "systemd-analyze verify warns about the unit:"$'\n'"$about_unit"
[[ -z "$verify" ]] || echo "note: systemd-analyze verify, about other units of this host:"$'\n'"$verify"
echo "systemd-analyze verify: clean"

# 3. ExecStartPre= as the unit runs it: the unit loads the credential under the name the example
# configuration (and the README) tell operators to write, and the example, switched to it,
# validates with $CREDENTIALS_DIRECTORY holding that credential (and fails without it).
credential=$(sed -n 's/^LoadCredential=\([^:]*\):.*/\1/p' "$unit_src")
documented=$(grep -o 'secret_key_credential: [a-z_]*' "$TCFEED_SOURCE_DIR/config/tcfeed.example.yaml" | head -1 | awk '{print $2}')
expect_eq "$credential" "$documented" "the unit's LoadCredential= name"
sed "s/^  secret_key_env: TC_SECRET_KEY /  secret_key_credential: $credential /" \
  "$TCFEED_SOURCE_DIR/config/tcfeed.example.yaml" >"$WORK/etc/tcfeed.yaml"
grep -q "secret_key_credential: $credential" "$WORK/etc/tcfeed.yaml" || fail "could not switch the example to the credential"
cp "$WORK/secret_key" "$WORK/credentials/$credential"
read -ra pre <<<"$(sed -n 's/^ExecStartPre=//p' "$WORK/unit/tcfeed.service")"
# The example's abuse.ch connectors read their key from the environment (a drop-in's
# Environment= or EnvironmentFile=); check-config reads every secret reference.
export ABUSECH_AUTH_KEY=example-key-for-validation PARTNER_TAXII_PASSWORD=example-password-for-validation \
  OTX_API_KEY=example-key-for-validation MISP_API_KEY=example-key-for-validation
out=$(CREDENTIALS_DIRECTORY=$WORK/credentials "${pre[@]}" 2>&1) || fail "ExecStartPre= fails with the credential: $out"
expect_contains "$out" ": valid (" "ExecStartPre="
set +e
out=$(env -u CREDENTIALS_DIRECTORY "${pre[@]}" 2>&1)
code=$?
set -e
expect_eq "$code" 2 "ExecStartPre= without the credential"
expect_contains "$out" "CREDENTIALS_DIRECTORY" "ExecStartPre= without the credential"

# 4. SIGTERM's drain budget must end before systemd's SIGKILL.
usec() { systemd-analyze timespan "$1" | awk '$1 == "μs:" {print $2}'; }
stop_timeout=$(sed -n 's/^TimeoutStopSec=//p' "$unit_src")
grace=$(sed -n 's/^shutdown_grace: *\([^ ]*\).*/\1/p' "$TCFEED_SOURCE_DIR/config/tcfeed.example.yaml")
[[ -n "$stop_timeout" && -n "$grace" ]] || fail "TimeoutStopSec= or the example's shutdown_grace missing"
(($(usec "$stop_timeout") > $(usec "$grace"))) || fail "TimeoutStopSec=$stop_timeout is not longer than shutdown_grace $grace"

# 5. The sysusers file creates the user and group the unit names, without a login shell.
user=$(sed -n 's/^User=//p' "$unit_src")
mkdir -p "$WORK/root/etc"
systemd-sysusers --root="$WORK/root" "$TCFEED_SOURCE_DIR/systemd/tcfeed.sysusers" >/dev/null 2>&1 ||
  fail "systemd-sysusers rejects systemd/tcfeed.sysusers"
passwd=$(grep "^$user:" "$WORK/root/etc/passwd" || true)
[[ -n "$passwd" ]] || fail "the sysusers file does not create the unit's User=$user"
expect_contains "$passwd" ":/usr/sbin/nologin" "the service user's shell"
grep -q "^$(sed -n 's/^Group=//p' "$unit_src"):" "$WORK/root/etc/group" || fail "the unit's Group= is not created"

# 6. Installed into a staging root (DESTDIR, so nothing can reach the live system) under another
# prefix: each file in its place, the unit naming the binary and documentation where they landed.
DESTDIR=$WORK/stage "$CMAKE_COMMAND" --install "$TCFEED_BUILD_DIR" --prefix /opt/tcfeed >"$WORK/install.log" 2>&1 ||
  fail "cmake --install failed: $(cat "$WORK/install.log")"
root=$WORK/stage/opt/tcfeed
for file in bin/tcfeed lib/systemd/system/tcfeed.service lib/sysusers.d/tcfeed.conf \
  etc/tcfeed/tcfeed.example.yaml share/doc/tcfeed/README.md \
  share/doc/tcfeed/docs/architecture.md share/doc/tcfeed/docs/threatconnect.md; do
  [[ -f "$root/$file" ]] || fail "not installed: /opt/tcfeed/$file; installed:"$'\n'"$(cd "$WORK/stage" && find . -type f)"
done
[[ -x "$root/bin/tcfeed" ]] || fail "the installed binary is not executable"
installed_unit=$(cat "$root/lib/systemd/system/tcfeed.service")
expect_contains "$installed_unit" $'\nExecStart=/opt/tcfeed/bin/tcfeed run --config /etc/tcfeed/tcfeed.yaml\n' "installed unit"
expect_contains "$installed_unit" $'\nExecStartPre=/opt/tcfeed/bin/tcfeed check-config --offline ' "installed unit"
expect_contains "$installed_unit" "Documentation=file:/opt/tcfeed/share/doc/tcfeed/README.md" "installed unit"
expect_not_contains "$installed_unit" "/usr/bin/tcfeed" "installed unit"
echo PASS
