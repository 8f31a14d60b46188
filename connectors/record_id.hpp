#pragma once
// The numeric id feeds give their records (URLhaus, ThreatFox, a generic feed's id column). An
// incremental connector's cursor is the highest id read, written back as the same decimal.
#include <cstdint>
#include <optional>
#include <string_view>

namespace tcfeed::connectors {

// A positive decimal integer, surrounding whitespace allowed; nullopt for anything else (empty,
// signed, 0, trailing text, out of range).
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace tcfeed::connectors
