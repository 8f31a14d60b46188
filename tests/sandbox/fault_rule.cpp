#include "tests/sandbox/fault_rule.hpp"

#include <simdjson.h>

#include <charconv>
#include <set>

namespace tcfeed::sandbox {
namespace {

std::optional<std::int64_t> to_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<double> to_double(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<FaultKind> kind_of(std::string_view name) {
  if (name == "status") return FaultKind::kStatus;
  if (name == "rate_limit") return FaultKind::kRateLimit;
  if (name == "batch_unavailable") return FaultKind::kBatchUnavailable;
  if (name == "slow") return FaultKind::kSlow;
  if (name == "cut") return FaultKind::kCut;
  if (name == "trickle") return FaultKind::kTrickle;
  if (name == "empty_list") return FaultKind::kEmptyList;
  return std::nullopt;
}

}  // namespace

const char* fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::kStatus: return "status";
    case FaultKind::kRateLimit: return "rate_limit";
    case FaultKind::kBatchUnavailable: return "batch_unavailable";
    case FaultKind::kSlow: return "slow";
    case FaultKind::kCut: return "cut";
    case FaultKind::kTrickle: return "trickle";
    case FaultKind::kEmptyList: return "empty_list";
  }
  return "status";
}

double next_unit(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ull;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

bool FaultRule::matches(std::string_view request_method, std::string_view request_path) const {
  if (!method.empty() && method != request_method) return false;
  if (path.empty()) return true;
  if (!request_path.starts_with(path)) return false;
  // Whole segments: /api/v2/batch covers /api/v2/batch/7 but not /api/v2/batches.
  return request_path.size() == path.size() || path.back() == '/' || request_path[path.size()] == '/';
}

bool FaultRule::fire() {
  if (spent()) return false;
  // Draw only for a real fraction, so a plain rule never consumes the generator.
  if (fraction < 1.0 && next_unit(rng_state) >= fraction) return false;
  ++fired;
  return true;
}

std::optional<std::string> build_fault_rule(const std::map<std::string, std::string>& fields, std::string_view api_root,
                                            FaultRule& rule) {
  static const std::set<std::string, std::less<>> kKeys = {
      "kind",        "method",           "path",     "count",     "fraction",      "seed",      "status", "message",
      "retry_after", "retry_after_form", "delay_ms", "cut_after", "trickle_bytes", "trickle_ms"};
  for (const auto& [key, value] : fields) {
    if (!kKeys.contains(key)) return "unknown fault key \"" + key + "\"";
  }
  rule = FaultRule{};
  if (const auto found = fields.find("kind"); found != fields.end()) {
    const auto kind = kind_of(found->second);
    if (!kind) return "unknown fault kind \"" + found->second + "\"";
    rule.kind = *kind;
  }
  switch (rule.kind) {
    case FaultKind::kRateLimit:
      rule.status = 429;
      rule.message = "Too Many Requests";
      rule.retry_after = 1;
      break;
    case FaultKind::kBatchUnavailable:
      rule.message = std::string(kBatchUnavailableMessage);
      rule.path = std::string(api_root) + "/v2/batch";
      break;
    default: break;
  }
  const auto text = [&](const char* key) -> const std::string* {
    const auto found = fields.find(key);
    return found == fields.end() ? nullptr : &found->second;
  };
  const auto integer = [&](const char* key, std::int64_t low, std::int64_t high,
                           std::int64_t& out) -> std::optional<std::string> {
    const std::string* value = text(key);
    if (value == nullptr) return std::nullopt;
    const auto parsed = to_integer(*value);
    if (!parsed || *parsed < low || *parsed > high) {
      return std::string(key) + " must be an integer in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
    }
    out = *parsed;
    return std::nullopt;
  };
  if (const auto* value = text("method")) rule.method = *value;
  if (const auto* value = text("path")) rule.path = *value;
  if (const auto* value = text("message")) rule.message = *value;
  std::int64_t status = rule.status, seed = 1, retry_after = rule.retry_after.value_or(0);
  if (auto error = integer("count", 0, INT64_MAX, rule.count)) return error;
  if (auto error = integer("status", 100, 599, status)) return error;
  if (auto error = integer("seed", 0, INT64_MAX, seed)) return error;
  if (auto error = integer("delay_ms", 0, 600000, rule.delay_ms)) return error;
  if (auto error = integer("cut_after", -1, INT64_MAX, rule.cut_after)) return error;
  if (auto error = integer("trickle_bytes", 1, 1 << 20, rule.trickle_bytes)) return error;
  if (auto error = integer("trickle_ms", 1, 600000, rule.trickle_ms)) return error;
  if (auto error = integer("retry_after", 0, 86400, retry_after)) return error;
  rule.status = static_cast<int>(status);
  rule.seed = static_cast<std::uint64_t>(seed);
  rule.rng_state = rule.seed;
  if (text("retry_after") != nullptr) rule.retry_after = retry_after;
  if (const auto* value = text("fraction")) {
    const auto parsed = to_double(*value);
    if (!parsed || *parsed < 0.0 || *parsed > 1.0) return "fraction must be a number in [0, 1]";
    rule.fraction = *parsed;
  }
  if (const auto* value = text("retry_after_form")) {
    if (*value != "seconds" && *value != "date") return "retry_after_form must be seconds or date";
    rule.retry_after_date = *value == "date";
    if (!rule.retry_after) rule.retry_after = 1;
  }
  if (rule.kind == FaultKind::kSlow && rule.delay_ms == 0) return "slow needs delay_ms";
  return std::nullopt;
}

std::optional<std::string> parse_fault_spec(std::string_view spec, std::string_view api_root, FaultRule& rule) {
  std::map<std::string, std::string> fields;
  if (spec.starts_with('{')) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(spec.data(), spec.size()).get(object) != simdjson::SUCCESS) {
      return "a fault must be a JSON object";
    }
    for (const auto field : object) {
      std::string_view value;
      fields[std::string(field.key)] =
          field.value.get_string().get(value) == simdjson::SUCCESS ? std::string(value) : simdjson::minify(field.value);
    }
    return build_fault_rule(fields, api_root, rule);
  }
  std::size_t start = 0;
  while (start < spec.size()) {
    const auto comma = spec.find(',', start);
    const auto item = spec.substr(start, comma == std::string_view::npos ? comma : comma - start);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) return "expected key=value, got \"" + std::string(item) + "\"";
    fields[std::string(item.substr(0, equals))] = std::string(item.substr(equals + 1));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return build_fault_rule(fields, api_root, rule);
}

}  // namespace tcfeed::sandbox
