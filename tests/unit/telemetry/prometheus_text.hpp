#pragma once
// A strict reader of the Prometheus text exposition format 0.0.4, for tests: it checks a whole
// exposition against the format's rules (so a scrape that Prometheus would refuse, or read
// differently, fails a test) and returns what it holds. Independent of lib/telemetry on purpose:
// it is the oracle for Metrics::render(), and for a live /metrics in the integration tests.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcfeed::testing {

struct PromSample {
  std::string name;                                         // as written: for a histogram this is e.g. foo_bucket
  std::vector<std::pair<std::string, std::string>> labels;  // in written order, unescaped
  double value = 0;
  std::optional<std::int64_t> timestamp_ms;
  std::size_t line = 0;

  // The value of label `name`, or empty when the sample has none.
  std::optional<std::string> label(std::string_view label_name) const;
};

struct PromFamily {
  std::string name;
  std::string type;                 // counter, gauge, histogram, summary or untyped
  std::optional<std::string> help;  // unescaped
  std::vector<PromSample> samples;
};

struct PromExposition {
  std::vector<PromFamily> families;  // in written order

  const PromFamily* family(std::string_view name) const;
  // The sample with exactly this name and these labels (any order), or null.
  const PromSample* sample(std::string_view name,
                           const std::vector<std::pair<std::string, std::string>>& labels = {}) const;
};

class PromParseError : public std::runtime_error {
 public:
  PromParseError(std::size_t line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

// Throws PromParseError naming the first line that breaks a rule.
PromExposition parse_prometheus_text(std::string_view text);

}  // namespace tcfeed::testing
