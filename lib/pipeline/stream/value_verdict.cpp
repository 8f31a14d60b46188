#include "lib/pipeline/stream/value_verdict.hpp"

#include "lib/indicators/normalize.hpp"
#include "lib/pipeline/stream/dedupe.hpp"

namespace tcfeed::pipeline {

ValueVerdict judge_value(const Policy& policy, indicators::IndicatorType type, std::string_view value) {
  ValueVerdict verdict;
  verdict.type = type;
  verdict.reject = indicators::normalize(type, value, verdict.normalized);
  if (verdict.reject != indicators::Reject::None) return verdict;
  verdict.allowlist = policy.allowlist.match(type, verdict.normalized);
  if (verdict.allowlist) verdict.allowlist_rule = policy.allowlist.explain(type, verdict.normalized).value_or("");
  verdict.warninglist = policy.warninglists.match(type, verdict.normalized);
  return verdict;
}

std::optional<SeenSet::Entry> seen_entry(const state::StateStore& state, const config::ConnectorConfig& connector,
                                         indicators::IndicatorType type, std::string_view normalized) {
  const std::uint64_t key = seen_key(seen_key_seed(connector.owner, connector.name, type), normalized);
  std::optional<SeenSet::Entry> found;
  state.load_seen(connector.name, [&](const state::SeenEntry& entry) {
    if (entry.key == key) found = SeenSet::Entry{entry.key, entry.content, entry.sent_at};
  });
  return found;
}

}  // namespace tcfeed::pipeline
