#pragma once
// The 12 standard indicator types with their v2 names (docs/threatconnect.md, Indicator types).
#include <span>
#include <string_view>

namespace tcfeed::sandbox {

enum class IndicatorKind {
  kAddress,
  kEmailAddress,
  kFile,
  kHost,
  kUrl,
  kAsn,
  kCidr,
  kEmailSubject,
  kHashtag,
  kMutex,
  kRegistryKey,
  kUserAgent,
};

struct IndicatorType {
  IndicatorKind kind;
  std::string_view name;                     // batch/v3 `type`
  std::string_view branch;                   // v2 path segment
  std::string_view entity;                   // v2 JSON key in `data`
  std::span<const std::string_view> fields;  // identifier field(s); several join with " : "
};

std::span<const IndicatorType> indicator_types();
const IndicatorType* find_type_by_name(std::string_view name);
const IndicatorType* find_type_by_branch(std::string_view branch);

}  // namespace tcfeed::sandbox
