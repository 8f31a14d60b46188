// The rules that span lines: HELP and TYPE at most once per family and before its samples, the
// samples of a family contiguous, no series twice, the sample names each type allows.
#include "tests/unit/telemetry/prometheus_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "tests/unit/telemetry/prometheus_line.hpp"

namespace tcfeed::testing {
namespace {

using LabelList = std::vector<std::pair<std::string, std::string>>;

LabelList sorted(LabelList labels) {
  std::sort(labels.begin(), labels.end());
  return labels;
}

// The family name a histogram or summary sample belongs to, when `name` has one of its suffixes.
std::optional<std::string> base_of(std::string_view name, std::string_view type) {
  if (type != "histogram" && type != "summary") return std::nullopt;
  for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (suffix == "_bucket" && type != "histogram") continue;
    if (name.ends_with(suffix)) return std::string(name.substr(0, name.size() - suffix.size()));
  }
  return std::nullopt;
}

class Reader {
 public:
  PromExposition finish() { return std::move(exposition_); }

  void help(const prom::HelpLine& line, std::size_t number) {
    PromFamily& family = declared(line.name, "HELP", number);
    if (family.help) throw PromParseError(number, "second HELP line for " + line.name);
    family.help = line.text;
  }

  void type(const prom::TypeLine& line, std::size_t number) {
    PromFamily& family = declared(line.name, "TYPE", number);
    if (typed_.contains(line.name)) throw PromParseError(number, "second TYPE line for " + line.name);
    typed_.insert(line.name);
    family.type = line.type;
  }

  void sample(prom::SampleLine line, std::size_t number) {
    PromFamily& family = family_of(line.name, number);
    check_type_rules(family, line, number);
    std::string key = line.name;
    for (const auto& [name, value] : sorted(line.labels)) key += '\0' + name + '\0' + value;
    if (!series_.insert(key).second) throw PromParseError(number, "duplicate series " + line.name);
    family.samples.push_back(
        PromSample{std::move(line.name), std::move(line.labels), line.value, line.timestamp_ms, number});
  }

 private:
  // The family a HELP or TYPE line names: new, or the current one while it has no samples.
  PromFamily& declared(const std::string& name, const char* what, std::size_t number) {
    const auto found = index_.find(name);
    if (found == index_.end()) return open(name);
    PromFamily& family = exposition_.families[found->second];
    if (found->second != exposition_.families.size() - 1) {
      throw PromParseError(number,
                           std::string(what) + " for " + name + " after other families: families must be contiguous");
    }
    if (!family.samples.empty()) {
      throw PromParseError(number, std::string(what) + " for " + name + " after its samples");
    }
    return family;
  }

  PromFamily& family_of(const std::string& sample_name, std::size_t number) {
    std::string name = sample_name;
    for (const auto& [family_name, position] : index_) {
      const auto base = base_of(sample_name, exposition_.families[position].type);
      if (base && *base == family_name) name = family_name;
    }
    const auto found = index_.find(name);
    if (found == index_.end()) return open(name);
    if (found->second != exposition_.families.size() - 1) {
      throw PromParseError(number, "sample of " + name + " after other families: families must be contiguous");
    }
    return exposition_.families[found->second];
  }

  PromFamily& open(const std::string& name) {
    index_.emplace(name, exposition_.families.size());
    exposition_.families.push_back(PromFamily{name, "untyped", std::nullopt, {}});
    return exposition_.families.back();
  }

  static void check_type_rules(const PromFamily& family, const prom::SampleLine& line, std::size_t number) {
    const auto has = [&](std::string_view label) {
      return std::any_of(line.labels.begin(), line.labels.end(), [&](const auto& pair) { return pair.first == label; });
    };
    if (family.type == "counter" && line.value < 0) {
      throw PromParseError(number, "counter " + line.name + " is negative");
    }
    if (family.type == "histogram") {
      if (line.name == family.name) throw PromParseError(number, "histogram sample needs _bucket, _sum or _count");
      if (line.name.ends_with("_bucket") && !has("le")) throw PromParseError(number, "histogram bucket without le");
    }
    if (family.type == "summary" && line.name == family.name && !has("quantile")) {
      throw PromParseError(number, "summary sample without quantile");
    }
  }

  PromExposition exposition_;
  std::map<std::string, std::size_t> index_;  // family name -> position
  std::set<std::string> typed_;
  std::set<std::string> series_;
};

}  // namespace

std::optional<std::string> PromSample::label(std::string_view label_name) const {
  for (const auto& [key, text] : labels) {
    if (key == label_name) return text;
  }
  return std::nullopt;
}

const PromFamily* PromExposition::family(std::string_view name) const {
  for (const auto& candidate : families) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

const PromSample* PromExposition::sample(std::string_view name, const LabelList& labels) const {
  const LabelList wanted = sorted(labels);
  for (const auto& family : families) {
    for (const auto& candidate : family.samples) {
      if (candidate.name == name && sorted(candidate.labels) == wanted) return &candidate;
    }
  }
  return nullptr;
}

PromExposition parse_prometheus_text(std::string_view text) {
  Reader reader;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) throw PromParseError(number, "the last line does not end with a line feed");
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (line.find('\r') != std::string_view::npos)
      throw PromParseError(number, "carriage return (lines end with \\n only)");
    prom::Line parsed = prom::read_line(line, number);
    switch (parsed.kind) {
      case prom::Line::Kind::kNothing: break;
      case prom::Line::Kind::kHelp: reader.help(parsed.help, number); break;
      case prom::Line::Kind::kType: reader.type(parsed.type, number); break;
      case prom::Line::Kind::kSample: reader.sample(std::move(parsed.sample), number); break;
    }
  }
  return reader.finish();
}

}  // namespace tcfeed::testing
