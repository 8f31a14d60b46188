#include "lib/exports/export_render.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <optional>

#include "lib/core/json_writer.hpp"
#include "lib/exports/address_collapse.hpp"
#include "lib/indicators/normalize.hpp"

namespace tcfeed::exports {
namespace {

using config::ExportFormat;
using indicators::IndicatorType;

bool never_listed(IndicatorType type, std::string_view value, const pipeline::Allowlist& never, std::string& scratch) {
  // The allowlist matches canonical values; the platform's summary is one already, but a value
  // normalize() refuses is still checked as written rather than let through unchecked.
  scratch.clear();
  const bool canonical = indicators::normalize(type, value, scratch) == indicators::Reject::None;
  return never.match(type, canonical ? std::string_view(scratch) : value).has_value();
}

std::string number_text(const std::optional<double>& value) {
  if (!value) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", *value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string integer_text(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : ""; }

// RFC 4180: quoted when it holds a comma, a quote or a line break; a leading = + - @ is quoted
// too and prefixed with ' so a spreadsheet never runs a platform value as a formula.
void csv_field(std::string& out, std::string_view field) {
  const bool formula = !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@');
  if (!formula && field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string tags_text(const ExportEntry& entry) {
  std::string joined;
  for (const auto& tag : entry.tags) joined += (joined.empty() ? "" : ";") + tag;
  return joined;
}

void csv_row(std::string& out, const ExportEntry& entry) {
  const std::string fields[] = {std::string(indicators::type_name(entry.type)),
                                entry.value,
                                entry.owner,
                                number_text(entry.rating),
                                integer_text(entry.confidence),
                                number_text(entry.threat_assess_rating),
                                number_text(entry.threat_assess_confidence),
                                integer_text(entry.threat_assess_score),
                                entry.last_modified,
                                tags_text(entry)};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    if (i > 0) out += ',';
    csv_field(out, fields[i]);
  }
  out += '\n';
}

void json_row(std::string& out, const ExportEntry& entry) {
  JsonWriter json(out);
  const auto optional = [&](const char* key, const auto& value) {
    json.key(key);
    if (value)
      json.value(*value);
    else
      json.null();
  };
  json.begin_object();
  json.key("type").value(indicators::type_name(entry.type));
  json.key("value").value(entry.value);
  json.key("owner").value(entry.owner);
  optional("rating", entry.rating);
  optional("confidence", entry.confidence);
  optional("threatAssessRating", entry.threat_assess_rating);
  optional("threatAssessConfidence", entry.threat_assess_confidence);
  optional("threatAssessScore", entry.threat_assess_score);
  json.key("lastModified").value(entry.last_modified);
  json.key("tags").begin_array();
  for (const auto& tag : entry.tags) json.value(tag);
  json.end_array().end_object();
  out += '\n';
}

// The EDL lines of one value: URL without its scheme, Host as configured, the rest as is.
template <class Line>
void each_edl_value(IndicatorType type, std::string_view value, config::EdlHosts hosts, Line line) {
  if (type == IndicatorType::URL) {
    // PAN-OS URL lists take no scheme (docs/exports.md, Formats).
    const auto scheme = value.find("://");
    line("", scheme == std::string_view::npos ? value : value.substr(scheme + 3));
    return;
  }
  if (type == IndicatorType::Host) {
    if (hosts != config::EdlHosts::Wildcard) line("", value);
    if (hosts != config::EdlHosts::AsIs) line("*.", value);
    return;
  }
  line("", value);
}

// Each EDL value once, from its best entry: a set of list positions compared by value, open
// addressing (4 bytes a slot; a set of strings would cost more than the list).
class ValueSet {
 public:
  ValueSet(const ExportList& list, std::size_t expected) : list_(list) {
    std::size_t size = 16;
    while (size < expected * 2) size *= 2;
    slots_.assign(size, kEmpty);
  }
  bool insert(std::uint32_t at) {
    const std::string_view value = list_.value(list_[at]);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>()(value) & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot] == kEmpty) {
        slots_[slot] = at;
        return true;
      }
      if (list_.value(list_[slots_[slot]]) == value) return false;
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  const ExportList& list_;
  std::vector<std::uint32_t> slots_;
};

}  // namespace

std::vector<std::uint32_t> ordered(const ExportList& list) {
  std::vector<std::uint32_t> out(list.size());
  std::iota(out.begin(), out.end(), 0U);
  std::sort(out.begin(), out.end(), [&](std::uint32_t at_a, std::uint32_t at_b) {
    const CompactEntry& a = list[at_a];
    const CompactEntry& b = list[at_b];
    const auto sa = list.score(a).value_or(-1);
    const auto sb = list.score(b).value_or(-1);
    if (sa != sb) return sa > sb;
    const auto va = list.value(a), vb = list.value(b);
    if (va != vb) return va < vb;
    const auto oa = list.owner(a), ob = list.owner(b);
    if (oa != ob) return oa < ob;
    return a.id < b.id;
  });
  return out;
}

std::vector<std::string> edl_values(const ExportEntry& entry, config::EdlHosts hosts) {
  std::vector<std::string> out;
  each_edl_value(entry.type, entry.value, hosts, [&](std::string_view prefix, std::string_view value) {
    out.push_back(std::string(prefix) + std::string(value));
  });
  return out;
}

Rendered render(const config::ExportConfig& config, const ExportList& list, const pipeline::Allowlist& never) {
  Rendered out;
  std::string scratch;
  // The kept positions replace the order in place: one array of 4 bytes an entry.
  std::vector<std::uint32_t> kept = ordered(list);
  std::size_t count = 0;
  {
    std::optional<ValueSet> values;
    // One owner's values of one type are distinct already (the platform keeps one indicator of a
    // value per owner): the set is only needed across owners or types.
    bool mixed = false;
    for (const auto& traits : list.traits().items()) {
      const auto& first = list.traits()[0];
      mixed |= traits.owner != first.owner || traits.type != first.type;
    }
    if (config.format == ExportFormat::Edl && mixed) values.emplace(list, kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const std::uint32_t at = kept[i];
      const CompactEntry& entry = list[at];
      if (never_listed(list.traits(entry).type, list.value(entry), never, scratch)) {
        ++out.never_blocked;
        continue;
      }
      if (values && !values->insert(at)) continue;
      if (config.max_entries && count >= *config.max_entries) {
        ++out.cut;
        continue;
      }
      kept[count++] = at;
    }
  }
  kept.resize(count);
  out.entries = count;
  switch (config.format) {
    case ExportFormat::Csv:
      out.body.append(kCsvHeader).append("\n");
      for (const auto at : kept) csv_row(out.body, list.expand(list[at]));
      break;
    case ExportFormat::Json:
      for (const auto at : kept) json_row(out.body, list.expand(list[at]));
      break;
    case ExportFormat::Edl: {
      std::vector<std::uint32_t> addresses;
      for (const auto at : kept) {
        const CompactEntry& entry = list[at];
        const IndicatorType type = list.traits(entry).type;
        const std::string_view value = list.value(entry);
        if (config.edl.collapse && type == IndicatorType::Address) {
          if (auto address = parse_ipv4(value)) {
            addresses.push_back(*address);
            continue;
          }
        }
        each_edl_value(type, value, config.edl.hosts, [&](std::string_view prefix, std::string_view line) {
          out.body.append(prefix).append(line);
          if (config.edl.comments) {
            const auto score = list.score(entry);
            out.body.append(" # ").append(list.owner(entry)).append(", score ");
            out.body.append(score ? std::to_string(*score) : "-");
          }
          out.body += '\n';
        });
      }
      // Collapsed blocks stand for many entries at once, so they come after the scored entries,
      // in address order.
      for (const auto& block : collapse_ipv4(std::move(addresses))) out.body.append(block).append("\n");
      break;
    }
  }
  return out;
}

std::string_view content_type(config::ExportFormat format) {
  switch (format) {
    case ExportFormat::Csv: return "text/csv; charset=utf-8";
    case ExportFormat::Json: return "application/x-ndjson";
    case ExportFormat::Edl: return "text/plain; charset=utf-8";
  }
  return "text/plain; charset=utf-8";
}

}  // namespace tcfeed::exports
