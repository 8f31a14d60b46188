# deploy/alerts.yaml: valid Prometheus rules (promtool check rules), each alert proven by promtool's
# rule unit tests (alert_rules.promtest.yaml) to fire when it should and not otherwise, and every
# metric the rules read is one the daemon registers, so renaming a metric breaks this test rather
# than silently disarming an alert.
set -euo pipefail
: "${TCFEED_SOURCE_DIR:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v promtool >/dev/null || fail "promtool missing (Debian package prometheus, scripts/packages.txt)"
rules=$TCFEED_SOURCE_DIR/deploy/alerts.yaml

promtool check rules "$rules" || fail "promtool check rules $rules"
promtool test rules "$TCFEED_SOURCE_DIR/tests/integration/alert_rules.promtest.yaml" || fail "promtool test rules"

# The names the rules use (the process_ prefix is the standard process metric the daemon sets too).
mapfile -t names < <(grep -v '^[[:space:]]*#' "$rules" | grep -oE '\b(tcfeed|process)_[a-z_]+' | sort -u)
(( ${#names[@]} >= 5 )) || fail "expected the rules to read at least 5 metrics, found: ${names[*]}"
for name in "${names[@]}"; do
  grep -rqF "\"$name\"" "$TCFEED_SOURCE_DIR/lib" "$TCFEED_SOURCE_DIR/daemon" ||
    fail "deploy/alerts.yaml reads $name, which tcfeed does not export"
done
echo "alert rules read: ${names[*]}"
echo PASS
