#include "lib/telemetry/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "lib/indicators/text.hpp"

namespace tcfeed::telemetry {
namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// HELP text escapes only backslash and newline; a label value also escapes the double quote.
void append_escaped(std::string& out, std::string_view text, bool quote) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// Go's ParseFloat, which Prometheus uses, reads these spellings; fmt writes "inf" and "nan".
void append_value(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

void append_sample(std::string& out, std::string_view name, const Labels& labels) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) out += ',';
      out += labels[i].first;
      out += "=\"";
      append_escaped(out, labels[i].second, true);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
}

// A failing callback (the state store busy or gone) shows as NaN: one unreadable gauge must not
// take the whole exposition, and every other metric, down with it.
double read_guarded(const std::function<double()>& read) {
  try {
    return read();
  } catch (const std::exception&) {
    return std::nan("");
  }
}

[[noreturn]] void refuse(std::string_view name, std::string_view why) {
  throw std::invalid_argument(fmt::format("metric {}: {}", name, why));
}

// Sorted by label name: the order a caller lists labels in must not create a second series.
Labels canonical(std::string_view name, Labels labels) {
  std::sort(labels.begin(), labels.end());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& [label, value] = labels[i];
    if (!is_valid_label_name(label)) refuse(name, fmt::format("invalid label name '{}'", label));
    if (i > 0 && labels[i - 1].first == label) refuse(name, fmt::format("label '{}' given twice", label));
    if (!indicators::text::is_valid_utf8(value)) refuse(name, fmt::format("label '{}' is not UTF-8", label));
  }
  return labels;
}

}  // namespace

bool is_valid_metric_name(std::string_view name) {
  if (name.empty() || !(is_name_start(name[0]) || name[0] == ':')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return is_name_char(c) || c == ':'; });
}

bool is_valid_label_name(std::string_view name) {
  // Names starting with "__" are reserved for Prometheus itself.
  if (name.empty() || !is_name_start(name[0]) || name.substr(0, 2) == "__") return false;
  return std::all_of(name.begin(), name.end(), is_name_char);
}

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics::Series& Metrics::series(std::string_view name, std::string_view help, Labels labels, Kind kind) {
  if (!is_valid_metric_name(name)) refuse(name, "not a valid Prometheus metric name");
  if (kind == Kind::kCounter && !name.ends_with("_total")) refuse(name, "a counter's name ends in _total");
  if (!indicators::text::is_valid_utf8(help)) refuse(name, "help text is not UTF-8");
  Labels key = canonical(name, std::move(labels));

  const std::lock_guard lock(mutex_);
  auto found = families_.find(name);
  if (found == families_.end()) {
    found = families_.emplace(std::string(name), Family{kind, std::string(help), {}}).first;
  } else if (found->second.kind != kind) {
    refuse(name, "already registered as another type");
  } else if (found->second.help != help) {
    refuse(name, "already registered with another help text");
  }
  auto& slot = found->second.series[std::move(key)];
  if (!slot) slot = std::make_unique<Series>();
  return *slot;
}

Counter& Metrics::counter(std::string_view name, std::string_view help, Labels labels) {
  return series(name, help, std::move(labels), Kind::kCounter).counter;
}

Gauge& Metrics::gauge(std::string_view name, std::string_view help, Labels labels) {
  return series(name, help, std::move(labels), Kind::kGauge).gauge;
}

void Metrics::gauge_callback(std::string_view name, std::string_view help, Labels labels,
                             std::function<double()> read) {
  if (!read) refuse(name, "empty callback");
  Series& target = series(name, help, std::move(labels), Kind::kGauge);
  const std::lock_guard lock(mutex_);
  target.read = std::move(read);
}

void Metrics::remove_gauge(std::string_view name, Labels labels) {
  Labels key = canonical(name, std::move(labels));
  const std::lock_guard lock(mutex_);
  const auto found = families_.find(name);
  if (found == families_.end()) return;
  if (found->second.kind != Kind::kGauge) refuse(name, "is not a gauge: counters are never removed");
  found->second.series.erase(key);
  if (found->second.series.empty()) families_.erase(found);
}

std::string Metrics::render() const {
  std::string out;
  const std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP ";
    out += name;
    out += ' ';
    append_escaped(out, family.help, false);
    out += "\n# TYPE ";
    out += name;
    out += family.kind == Kind::kCounter ? " counter\n" : " gauge\n";
    for (const auto& [labels, series] : family.series) {
      append_sample(out, name, labels);
      if (family.kind == Kind::kCounter) {
        fmt::format_to(std::back_inserter(out), "{}", series->counter.value());
      } else {
        append_value(out, series->read ? read_guarded(series->read) : series->gauge.value());
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace tcfeed::telemetry
