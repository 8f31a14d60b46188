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

// In enum order; checked below so a new enumerator cannot be forgotten here. The codes are metric
// labels (short, stable); the texts are what the run log says.
constexpr std::array kUnmapped = {
    UnmappedInfo{Unmapped::Malformed, "malformed_row", "malformed row"},
    UnmappedInfo{Unmapped::Oversized, "oversized_record", "oversized record"},
    UnmappedInfo{Unmapped::TooDeep, "too_deep", "too deeply nested"},
    UnmappedInfo{Unmapped::Offline, "offline", "offline"},
    UnmappedInfo{Unmapped::BelowMinConfidence, "below_min_confidence", "below min_confidence"},
    UnmappedInfo{Unmapped::IocTypeNotSelected, "ioc_type_not_selected", "ioc_type not selected"},
    UnmappedInfo{Unmapped::UnknownIocType, "unknown_ioc_type", "unknown ioc_type"},
    UnmappedInfo{Unmapped::MalformedIpPort, "malformed_ip_port", "malformed ip:port"},
    UnmappedInfo{Unmapped::MalformedHash, "malformed_hash", "malformed hash"},
    UnmappedInfo{Unmapped::NoHash, "no_hash", "no hash"},
    UnmappedInfo{Unmapped::MissingId, "missing_id", "missing id"},
    UnmappedInfo{Unmapped::MissingValue, "missing_value", "missing value"},
    UnmappedInfo{Unmapped::UnmappedType, "unmapped_type", "unmapped type"},
    UnmappedInfo{Unmapped::BrokenQuote, "broken_quote", "broken quote (line dropped, the next one read)"},
    UnmappedInfo{Unmapped::AlreadyRead, "already_read", "already read (at or below the cursor)"},
    UnmappedInfo{Unmapped::BeforeBackfill, "before_backfill", "older than backfill"},
    UnmappedInfo{Unmapped::Filtered, "filtered", "left out by the connector's filter"},
    UnmappedInfo{Unmapped::PatternNotStix, "pattern_not_stix", "pattern_type other than stix"},
    UnmappedInfo{Unmapped::PatternSyntax, "pattern_syntax", "STIX pattern that does not parse"},
    UnmappedInfo{Unmapped::PatternTooLarge, "pattern_too_large", "STIX pattern over the reader's bounds"},
    UnmappedInfo{Unmapped::PatternAnd, "pattern_and", "STIX pattern with AND"},
    UnmappedInfo{Unmapped::PatternFollowedBy, "pattern_followedby", "STIX pattern with FOLLOWEDBY"},
    UnmappedInfo{Unmapped::PatternQualifier, "pattern_qualifier", "STIX pattern with WITHIN, START/STOP or REPEATS"},
    UnmappedInfo{Unmapped::PatternOperator, "pattern_operator", "STIX pattern with a comparison other than ="},
    UnmappedInfo{Unmapped::PatternObject, "pattern_object", "STIX pattern on an object path tcfeed does not map"},
    UnmappedInfo{Unmapped::PatternLiteral, "pattern_literal", "STIX pattern comparing to a non-string value"},
    UnmappedInfo{Unmapped::Revoked, "revoked", "revoked by its producer"},
    UnmappedInfo{Unmapped::Expired, "expired", "past its valid_until or expiration"},
    UnmappedInfo{Unmapped::NotIndicator, "not_indicator", "STIX object other than an indicator"},
    UnmappedInfo{Unmapped::StixGroup, "stix_group", "STIX group or relationship, read for its associations"},
    UnmappedInfo{Unmapped::AssociationDropped, "association_dropped",
                 "STIX group or relationship beyond the poll's bounds"},
    UnmappedInfo{Unmapped::OtxTypeUnsupported, "otx_type_unsupported", "OTX indicator type tcfeed does not map"},
    UnmappedInfo{Unmapped::Inactive, "inactive", "no longer active at its source"},
    UnmappedInfo{Unmapped::AssociationUnresolved, "association_unresolved",
                 "STIX relationship to an object tcfeed has not mapped"},
};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kUnmapped.size(); ++i) {
    if (static_cast<std::size_t>(kUnmapped[i].reason) != i) return false;
  }
  return static_cast<std::size_t>(Unmapped::AssociationUnresolved) + 1 == kUnmapped.size();
}
static_assert(table_matches_enum(), "kUnmapped must list every Unmapped in enum order");

constexpr auto kAllUnmapped = [] {
  std::array<Unmapped, kUnmapped.size()> all{};
  for (std::size_t i = 0; i < kUnmapped.size(); ++i) all[i] = kUnmapped[i].reason;
  return all;
}();

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

bool unmapped_skip(Unmapped reason) {
  switch (reason) {
    case Unmapped::Offline:
    case Unmapped::BelowMinConfidence:
    case Unmapped::IocTypeNotSelected:
    case Unmapped::AlreadyRead:
    case Unmapped::BeforeBackfill:
    case Unmapped::Filtered:
    case Unmapped::Revoked:
    case Unmapped::Expired:
    case Unmapped::NotIndicator:
    case Unmapped::StixGroup:
    case Unmapped::Inactive: return true;
    default: return false;
  }
}

std::optional<Unmapped> unmapped_from_code(std::string_view code) {
  for (const auto& info : kUnmapped) {
    if (info.code == code) return info.reason;
  }
  return std::nullopt;
}

std::span<const Unmapped> all_unmapped() { return kAllUnmapped; }

}  // namespace tcfeed::pipeline
