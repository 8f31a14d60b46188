#include "lib/pipeline/connector/unmapped.hpp"

#include <array>
#include <cstddef>

namespace tcfeed::pipeline {
namespace {

struct UnmappedInfo {
  Unmapped reason;
  std::string_view code;
  std::string_view text;
};

// In enum order; checked below so a new enumerator cannot be forgotten here. The codes are the
// labels the connectors wrote before the enum (one series each); the texts are what the run log
// said, so both stay as operators know them.
constexpr std::array kUnmapped = {
    UnmappedInfo{Unmapped::Malformed, "malformed row", "malformed row"},
    UnmappedInfo{Unmapped::Oversized, "oversized record", "oversized record"},
    UnmappedInfo{Unmapped::TooDeep, "too deeply nested", "too deeply nested"},
    UnmappedInfo{Unmapped::Offline, "offline", "offline"},
    UnmappedInfo{Unmapped::BelowMinConfidence, "below min_confidence", "below min_confidence"},
    UnmappedInfo{Unmapped::IocTypeNotSelected, "ioc_type not selected", "ioc_type not selected"},
    UnmappedInfo{Unmapped::UnknownIocType, "unknown ioc_type", "unknown ioc_type"},
    UnmappedInfo{Unmapped::MalformedIpPort, "malformed ip:port", "malformed ip:port"},
    UnmappedInfo{Unmapped::MalformedHash, "malformed hash", "malformed hash"},
    UnmappedInfo{Unmapped::NoHash, "no hash", "no hash"},
    UnmappedInfo{Unmapped::MissingId, "missing id", "missing id"},
    UnmappedInfo{Unmapped::MissingValue, "missing value", "missing value"},
    UnmappedInfo{Unmapped::UnmappedType, "unmapped type", "unmapped type"},
    UnmappedInfo{Unmapped::BrokenQuote, "broken quote", "broken quote (line dropped, the next one read)"},
};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kUnmapped.size(); ++i) {
    if (static_cast<std::size_t>(kUnmapped[i].reason) != i) return false;
  }
  return static_cast<std::size_t>(Unmapped::BrokenQuote) + 1 == kUnmapped.size();
}
static_assert(table_matches_enum(), "kUnmapped must list every Unmapped in enum order");

}  // namespace

std::string_view unmapped_code(Unmapped reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kUnmapped.size() ? kUnmapped[index].code : std::string_view("unknown");
}

std::string_view unmapped_text(Unmapped reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kUnmapped.size() ? kUnmapped[index].text : std::string_view("unknown reason");
}

bool unmapped_unread(Unmapped reason) {
  switch (reason) {
    case Unmapped::Malformed:
    case Unmapped::Oversized:
    case Unmapped::TooDeep:
    case Unmapped::BrokenQuote: return true;
    default: return false;
  }
}

std::optional<Unmapped> unmapped_from_code(std::string_view code) {
  for (const auto& info : kUnmapped) {
    if (info.code == code) return info.reason;
  }
  return std::nullopt;
}

}  // namespace tcfeed::pipeline
