#pragma once
// Whether an indicator goes out again (docs/architecture.md, Stream): one pure decision over what the seen
// set remembers of it.
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/core/fingerprint.hpp"
#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/stream/seen_set.hpp"

namespace tcfeed::pipeline {

enum class SeenVerdict {
  Send,            // new, changed, or due for a refresh
  DuplicateInRun,  // already queued by this run
  Unchanged,       // delivered as it is now, within the refresh window
};

// The seen set is keyed by (owner, connector, type, value) (docs/architecture.md, Stream): the
// first three seed the fingerprint of the normalized value, so a run computes the seed once per type.
inline std::uint64_t seen_key_seed(std::string_view owner, std::string_view connector, indicators::IndicatorType type) {
  std::string scope;
  scope.reserve(owner.size() + connector.size() + 16);
  scope.append(owner).append(1, '\x1f').append(connector).append(1, '\x1f').append(indicators::type_name(type));
  return fingerprint64(scope);
}
inline std::uint64_t seen_key(std::uint64_t seed, std::string_view normalized_value) {
  return fingerprint64(normalized_value, seed);
}

// What the seen set keeps for an indicator tcfeed took back (deactivated or deleted, because a full
// list dropped it or an incremental feed stopped mentioning it): never sent as anything, so it is
// sent at once when it returns — and with active=true, since the platform keeps a flag that a
// batch item leaves out. Real entries carry a run stamp, never 0.
inline constexpr SeenSet::Entry kTakenBack{0, 0, 0};
inline bool taken_back(const SeenSet::Entry& entry) {
  return entry.content == kTakenBack.content && entry.sent_at == kTakenBack.sent_at;
}

// `run_stamp` is this run's sent_at, strictly later than any earlier run's of the connector, so
// an entry carrying it was queued by this very run.
inline SeenVerdict judge_seen(const SeenSet::Entry* previous, std::uint32_t content, std::uint32_t run_stamp,
                              std::uint32_t refresh_seconds) {
  if (previous == nullptr) return SeenVerdict::Send;
  if (previous->sent_at == run_stamp) return SeenVerdict::DuplicateInRun;
  if (previous->content == content && run_stamp - previous->sent_at < refresh_seconds) return SeenVerdict::Unchanged;
  return SeenVerdict::Send;
}

}  // namespace tcfeed::pipeline
