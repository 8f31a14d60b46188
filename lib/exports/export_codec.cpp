#include "lib/exports/export_codec.hpp"

#include <simdjson.h>

#include <stdexcept>

#include "lib/core/json_writer.hpp"

namespace tcfeed::exports {

std::string encode_entries(const EntryMap& entries) {
  std::string out;
  for (const auto& [id, entry] : entries) {
    JsonWriter json(out);
    json.begin_object();
    json.key("id").value(entry.id);
    json.key("type").value(indicators::type_name(entry.type));
    json.key("value").value(entry.value);
    json.key("owner").value(entry.owner);
    if (entry.rating) json.key("rating").value(*entry.rating);
    if (entry.confidence) json.key("confidence").value(*entry.confidence);
    if (entry.threat_assess_rating) json.key("taRating").value(*entry.threat_assess_rating);
    if (entry.threat_assess_confidence) json.key("taConfidence").value(*entry.threat_assess_confidence);
    if (entry.threat_assess_score) json.key("taScore").value(*entry.threat_assess_score);
    json.key("lastModified").value(entry.last_modified);
    json.key("tags").begin_array();
    for (const auto& tag : entry.tags) json.value(tag);
    json.end_array().end_object();
    out += '\n';
  }
  return out;
}

EntryMap decode_entries(std::string_view text) {
  EntryMap entries;
  simdjson::dom::parser parser;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty()) continue;
    const auto fail = [&] {
      throw std::runtime_error("export list in the state file: entry " + std::to_string(line_number) +
                               " is not readable");
    };
    simdjson::dom::object item;
    if (parser.parse(line.data(), line.size()).get(item)) fail();
    ExportEntry entry;
    std::string_view type, value, owner, last_modified;
    if (item["id"].get(entry.id) || item["type"].get(type) || item["value"].get(value) || item["owner"].get(owner) ||
        item["lastModified"].get(last_modified)) {
      fail();
    }
    const auto parsed = indicators::parse_indicator_type(type);
    if (!parsed) fail();
    entry.type = *parsed;
    entry.value = value;
    entry.owner = owner;
    entry.last_modified = last_modified;
    double number = 0;
    std::int64_t whole = 0;
    if (!item["rating"].get(number)) entry.rating = number;
    if (!item["confidence"].get(whole)) entry.confidence = whole;
    if (!item["taRating"].get(number)) entry.threat_assess_rating = number;
    if (!item["taConfidence"].get(number)) entry.threat_assess_confidence = number;
    if (!item["taScore"].get(whole)) entry.threat_assess_score = whole;
    simdjson::dom::array tags;
    if (!item["tags"].get(tags)) {
      for (auto tag : tags) {
        std::string_view name;
        if (!tag.get(name)) entry.tags.emplace_back(name);
      }
    }
    const auto id = entry.id;
    entries.insert_or_assign(id, std::move(entry));
  }
  return entries;
}

}  // namespace tcfeed::exports
