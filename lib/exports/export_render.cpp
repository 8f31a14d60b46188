#include "lib/exports/export_render.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "lib/core/json_writer.hpp"
#include "lib/exports/address_collapse.hpp"
#include "lib/indicators/normalize.hpp"

namespace tcfeed::exports {
namespace {

using config::ExportFormat;
using indicators::IndicatorType;

bool never_listed(const ExportEntry& entry, const pipeline::Allowlist& never, std::string& scratch) {
  // The allowlist matches canonical values; the platform's summary is one already, but a value
  // normalize() refuses is still checked as written rather than let through unchecked.
  scratch.clear();
  const bool canonical = indicators::normalize(entry.type, entry.value, scratch) == indicators::Reject::None;
  return never.match(entry.type, canonical ? std::string_view(scratch) : std::string_view(entry.value)).has_value();
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

std::string edl_comment(const ExportEntry& entry) {
  return " # " + entry.owner + ", score " +
         (entry.threat_assess_score ? std::to_string(*entry.threat_assess_score) : "-");
}

}  // namespace

std::vector<const ExportEntry*> ordered(const EntryMap& entries) {
  std::vector<const ExportEntry*> out;
  out.reserve(entries.size());
  for (const auto& [id, entry] : entries) out.push_back(&entry);
  std::sort(out.begin(), out.end(), [](const ExportEntry* a, const ExportEntry* b) {
    const auto sa = a->threat_assess_score.value_or(-1);
    const auto sb = b->threat_assess_score.value_or(-1);
    if (sa != sb) return sa > sb;
    if (a->value != b->value) return a->value < b->value;
    if (a->owner != b->owner) return a->owner < b->owner;
    return a->id < b->id;
  });
  return out;
}

std::vector<std::string> edl_values(const ExportEntry& entry, config::EdlHosts hosts) {
  if (entry.type == IndicatorType::URL) {
    // PAN-OS URL lists take no scheme (docs/exports.md, Formats).
    const auto scheme = entry.value.find("://");
    return {scheme == std::string::npos ? entry.value : entry.value.substr(scheme + 3)};
  }
  if (entry.type == IndicatorType::Host) {
    switch (hosts) {
      case config::EdlHosts::AsIs: return {entry.value};
      case config::EdlHosts::Wildcard: return {"*." + entry.value};
      case config::EdlHosts::Both: return {entry.value, "*." + entry.value};
    }
  }
  return {entry.value};
}

Rendered render(const config::ExportConfig& config, const EntryMap& entries, const pipeline::Allowlist& never) {
  Rendered out;
  std::string scratch;
  std::vector<const ExportEntry*> kept;
  std::unordered_set<std::string_view> values;  // an EDL writes a value once, from its best entry
  for (const ExportEntry* entry : ordered(entries)) {
    if (never_listed(*entry, never, scratch)) {
      ++out.never_blocked;
      continue;
    }
    if (config.format == ExportFormat::Edl && !values.insert(entry->value).second) continue;
    if (config.max_entries && kept.size() >= *config.max_entries) {
      ++out.cut;
      continue;
    }
    kept.push_back(entry);
  }
  out.entries = kept.size();
  switch (config.format) {
    case ExportFormat::Csv:
      out.body.append(kCsvHeader).append("\n");
      for (const ExportEntry* entry : kept) csv_row(out.body, *entry);
      break;
    case ExportFormat::Json:
      for (const ExportEntry* entry : kept) json_row(out.body, *entry);
      break;
    case ExportFormat::Edl: {
      std::vector<std::uint32_t> addresses;
      for (const ExportEntry* entry : kept) {
        if (config.edl.collapse && entry->type == IndicatorType::Address) {
          if (auto address = parse_ipv4(entry->value)) {
            addresses.push_back(*address);
            continue;
          }
        }
        for (const auto& value : edl_values(*entry, config.edl.hosts)) {
          out.body += value;
          if (config.edl.comments) out.body += edl_comment(*entry);
          out.body += '\n';
        }
      }
      // Collapsed blocks stand for many entries at once, so they come after the scored entries,
      // in address order.
      for (const auto& block : collapse_ipv4(std::move(addresses))) out.body += block + "\n";
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
