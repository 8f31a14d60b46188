#pragma once
// The lexical half of the strict Prometheus text reader: one line at a time, no family context.
// prometheus_text.cpp applies the rules that span lines (TYPE before samples, contiguity, ...).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/unit/telemetry/prometheus_text.hpp"

namespace tcfeed::testing::prom {

struct HelpLine {
  std::string name;
  std::string text;
};

struct TypeLine {
  std::string name;
  std::string type;
};

struct SampleLine {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
  std::optional<std::int64_t> timestamp_ms;
};

// What one line holds. Blank lines and plain comments come back as kNothing.
struct Line {
  enum class Kind { kNothing, kHelp, kType, kSample } kind = Kind::kNothing;
  HelpLine help;
  TypeLine type;
  SampleLine sample;
};

// Throws PromParseError(line_number, ...) for a line outside the grammar.
Line read_line(std::string_view text, std::size_t line_number);

bool is_metric_name(std::string_view name);
bool is_label_name(std::string_view name);
bool is_utf8(std::string_view text);
// The format's float: decimal or exponent notation, NaN, +Inf, -Inf. Nothing else (no hex, no
// "inf" in other spellings): Metrics::render() must write what every reader understands.
std::optional<double> parse_value(std::string_view token);

}  // namespace tcfeed::testing::prom
