# The include check behind every module (cmake/check_includes.cmake) refuses a header from a layer
# the module does not depend on, names the file and line, and lets through its own folder, its
# subfolders and the folders of its dependencies. The build runs it on the real tree; this test
# shows it can fail.
set -euo pipefail
: "${TCFEED_SOURCE_DIR:?}" "${CMAKE_COMMAND:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcfeed-layering.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# check MODULE "ALLOWED;FOLDERS" FILE... — runs the check as tcfeed_module does; prints its output.
check() {
  local module=$1 allowed=$2
  shift 2
  local files
  files=$(IFS=';'; echo "$*")
  "$CMAKE_COMMAND" "-DMODULE=$module" "-DROOT=$WORK" "-DALLOWED=$allowed" "-DFILES=$files" \
    "-DSTAMP=$WORK/$module.checked" -P "$TCFEED_SOURCE_DIR/cmake/check_includes.cmake" 2>&1
}

mkdir -p "$WORK/lib/pipeline/stream" "$WORK/connectors/urlhaus"
cat >"$WORK/lib/pipeline/stream/dedupe.hpp" <<'CPP'
#pragma once
// A stream stage that reaches up into the engine.

#include <string>

#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"
#include "lib/pipeline/engine/status.hpp"
CPP
stream_allowed="lib/pipeline/stream;lib/pipeline/connector;lib/state"
if output=$(check stream "$stream_allowed" "$WORK/lib/pipeline/stream/dedupe.hpp"); then
  fail "an include of lib/pipeline/engine from the stream passed the check: $output"
fi
[[ $output == *"lib/pipeline/stream/dedupe.hpp:8: #include \"lib/pipeline/engine/status.hpp\""* ]] ||
  fail "the refusal does not name the file, line and include; it was: $output"
[[ $output != *"seen_set.hpp"* && $output != *"state_store.hpp"* ]] || fail "allowed includes were reported: $output"
[[ ! -e $WORK/stream.checked ]] || fail "a failed check left its stamp, so the build would not run it again"

sed -i '/engine/d' "$WORK/lib/pipeline/stream/dedupe.hpp"
output=$(check stream "$stream_allowed" "$WORK/lib/pipeline/stream/dedupe.hpp") || fail "allowed includes refused: $output"
[[ -e $WORK/stream.checked ]] || fail "a passed check wrote no stamp"

# A module's folder covers its subfolders (connectors/urlhaus in the connectors module), but a
# folder that merely starts with an allowed name is another folder.
printf '#include "connectors/feed_head.hpp"\n#include "lib/pipeline/format/csv_reader.hpp"\n' \
  >"$WORK/connectors/urlhaus/urlhaus_reader.cpp"
output=$(check connectors "connectors;lib/pipeline/format" "$WORK/connectors/urlhaus/urlhaus_reader.cpp") ||
  fail "a connector including its own module's header was refused: $output"
printf '#include "lib/pipeline/format_extra/x.hpp"\n' >"$WORK/connectors/urlhaus/urlhaus_reader.cpp"
if output=$(check connectors "connectors;lib/pipeline/format" "$WORK/connectors/urlhaus/urlhaus_reader.cpp"); then
  fail "lib/pipeline/format_extra passed as if it were lib/pipeline/format"
fi
echo "layering check: refuses upward includes with file:line, passes allowed ones"
