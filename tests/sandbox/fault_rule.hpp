#pragma once
// One fault rule: which requests it matches (method, path prefix), how often it fires (count,
// a seeded fraction) and what it does (status and message, Retry-After, delay, cut, trickle). The same
// keys come from `--fault key=value,...` and from the JSON of POST /_sandbox/faults (README.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::sandbox {

// kEmptyList: a 200 whose list is empty ({"data":[],"status":"Success"}): a platform that answers
// oddly, which an export must not take for "nothing is listed any more" (docs/exports.md, Safety).
enum class FaultKind { kStatus, kRateLimit, kBatchUnavailable, kSlow, kCut, kTrickle, kEmptyList };

inline constexpr std::string_view kBatchUnavailableMessage =
    "Batch job api is not available. Ensure that batchJobEnabled is true and document storage is "
    "enabled and configured;";

struct FaultRule {
  FaultKind kind = FaultKind::kStatus;
  std::string method;      // empty: any
  std::string path;        // prefix on whole segments, e.g. /api/v2/batch; empty: any
  std::int64_t count = 0;  // fires at most this many times; 0: no limit
  double fraction = 1.0;   // of matching requests, drawn from a generator seeded with `seed`
  std::uint64_t seed = 1;
  int status = 503;
  std::string message = "injected";
  std::optional<std::int64_t> retry_after;  // seconds
  bool retry_after_date = false;            // send Retry-After as an HTTP-date instead
  std::int64_t delay_ms = 0;
  std::int64_t cut_after = 8;      // cut: body bytes sent before closing; -1 closes without answering
  std::int64_t trickle_bytes = 1;  // trickle: the body goes out this many bytes at a time,
  std::int64_t trickle_ms = 1000;  // this far apart

  // Bookkeeping, reported by GET /_sandbox/faults.
  std::int64_t fired = 0;
  std::uint64_t rng_state = 1;

  bool spent() const { return count > 0 && fired >= count; }
  bool matches(std::string_view request_method, std::string_view request_path) const;
  // Called for a matching request: decides (and records) whether the rule fires this time.
  bool fire();
};

const char* fault_kind_name(FaultKind kind);

// Builds a rule from key/value text (JSON numbers already as text). `api_root` is the base path,
// used for the default path of batch_unavailable. Error text on an unknown key or a bad value.
std::optional<std::string> build_fault_rule(const std::map<std::string, std::string>& fields, std::string_view api_root,
                                            FaultRule& rule);

// `key=value,key=value` or a JSON object.
std::optional<std::string> parse_fault_spec(std::string_view spec, std::string_view api_root, FaultRule& rule);

// The next value of a SplitMix64 generator, as a double in [0, 1).
double next_unit(std::uint64_t& state);

}  // namespace tcfeed::sandbox
