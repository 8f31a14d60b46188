#pragma once
// One value through the stages a candidate passes that depend on the value alone (docs/audit.md,
// `tcfeed why`): normalize, the allowlist, the warninglists, and what a connector's seen set
// holds for it. The record's own stages (benign, skips) are the audit file's.
#include <optional>
#include <string>
#include <string_view>

#include "lib/config/config.hpp"
#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/reject.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

struct ValueVerdict {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  indicators::Reject reject = indicators::Reject::None;  // None: `normalized` is the value as sent
  std::string normalized;
  std::optional<std::string_view> allowlist;     // the drop code, when an allowlist holds it
  std::string allowlist_rule;                    // the entry or reserved range that does
  const WarninglistInfo* warninglist = nullptr;  // the list that holds it, dropping or tagging
};

// Every stage is asked, even after one dropped the value, so the answer shows all that hold it;
// the stream stops at the first, in this order.
ValueVerdict judge_value(const Policy& policy, indicators::IndicatorType type, std::string_view value);

// What `connector`'s seen set in the state file holds for the normalized value, or nullopt.
std::optional<SeenSet::Entry> seen_entry(const state::StateStore& state, const config::ConnectorConfig& connector,
                                         indicators::IndicatorType type, std::string_view normalized);

}  // namespace tcfeed::pipeline
