#pragma once
// One indicator as a batch upload item (docs/threatconnect.md, Upload document), written from views so the
// streaming pipeline serializes straight from its reused buffers.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::threatconnect {

struct IndicatorItem {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::string_view summary;
  // Absent for an item that only changes `active` or is deleted: what the platform holds stays.
  std::optional<int> rating;
  std::optional<int> confidence;
  // Absent: the platform's flag stays as it is (a batch item that omits it changes nothing).
  // false: deactivate (a full list dropped it, an incremental feed stopped mentioning it); true:
  // reactivate what tcfeed deactivated, now that the source has it again.
  std::optional<bool> active;
  std::span<const std::string_view> tags;
  std::span<const std::string_view> security_labels;
  std::span<const std::pair<std::string_view, std::string_view>> attributes;  // (type, value)
  // The xids of the groups it belongs to, each written in the same job (docs/threatconnect.md, Groups).
  std::span<const std::string_view> group_xids;
};

// Appends the item's JSON object to `out`: in one piece when no string needs escaping
// (plain_indicator_json.hpp), else through JsonWriter. The bytes are the same either way.
void append_indicator_json(std::string& out, const IndicatorItem& item);

// The general path alone: any bytes, escaped by JsonWriter (invalid UTF-8 becomes U+FFFD). What
// the plain path is checked against.
void append_indicator_json_escaped(std::string& out, const IndicatorItem& item);

// The upload document around items: `{"indicator":[` item, item… `]}`; with groups,
// `{"group":[` group, group… `],"indicator":[` item… `]}`, groups first (docs/threatconnect.md, Groups).
inline constexpr std::string_view kDocumentOpen = R"({"indicator":[)";
inline constexpr std::string_view kDocumentClose = "]}";
inline constexpr std::string_view kGroupsOpen = R"({"group":[)";
inline constexpr std::string_view kGroupsThenIndicators = R"(],"indicator":[)";

}  // namespace tcfeed::threatconnect
