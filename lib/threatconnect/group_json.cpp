#include "lib/threatconnect/group_json.hpp"

#include "lib/core/json_writer.hpp"
#include "lib/core/utf8.hpp"

namespace tcfeed::threatconnect {
namespace {

// The batch field that carries a group type's date; empty for types that have none.
std::string_view date_field(indicators::GroupType type) {
  switch (type) {
    case indicators::GroupType::Event: return "eventDate";
    case indicators::GroupType::Report: return "publishDate";
    case indicators::GroupType::Campaign: return "firstSeen";
    default: return {};
  }
}

void names(JsonWriter& json, std::span<const std::string_view> list) {
  json.begin_array();
  for (const auto name : list) json.begin_object().member("name", name).end_object();
  json.end_array();
}

}  // namespace

std::string_view group_name_cut(std::string_view name) {
  std::size_t at = 0;
  for (std::size_t characters = 0; at < name.size() && characters < kMaxGroupNameCharacters; ++characters) {
    const auto sequence = utf8_sequence(name, at);
    at += sequence.length == 0 ? 1 : sequence.length;
  }
  return name.substr(0, at);
}

void append_group_json(std::string& out, const GroupItem& item) {
  JsonWriter json(out);
  json.begin_object();
  json.member("type", indicators::group_type_name(item.type));
  json.member("name", group_name_cut(item.name));
  json.member("xid", item.xid);
  if (const auto field = date_field(item.type); !field.empty() && !item.date.empty()) {
    json.key(field).value(item.date);
  }
  if (!item.attributes.empty()) {
    json.key("attribute").begin_array();
    for (const auto& [type, value] : item.attributes) {
      json.begin_object().member("type", type).member("value", value).end_object();
    }
    json.end_array();
  }
  if (!item.tags.empty()) {
    json.key("tag");
    names(json, item.tags);
  }
  if (!item.security_labels.empty()) {
    json.key("securityLabel");
    names(json, item.security_labels);
  }
  json.end_object();
}

}  // namespace tcfeed::threatconnect
