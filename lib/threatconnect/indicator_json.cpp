#include "lib/threatconnect/indicator_json.hpp"

#include "lib/core/json_writer.hpp"
#include "lib/threatconnect/plain_indicator_json.hpp"

namespace tcfeed::threatconnect {

void append_indicator_json(std::string& out, const IndicatorItem& item) {
  if (!append_plain_indicator_json(out, item)) append_indicator_json_escaped(out, item);
}

void append_indicator_json_escaped(std::string& out, const IndicatorItem& item) {
  JsonWriter json(out);
  json.begin_object();
  json.member("type", indicators::type_name(item.type));
  json.member("summary", item.summary);
  if (item.rating) json.member("rating", *item.rating);
  if (item.confidence) json.member("confidence", *item.confidence);
  if (item.active) json.key("active").value(*item.active);
  if (!item.tags.empty()) {
    json.key("tag").begin_array();
    for (const auto tag : item.tags) json.begin_object().member("name", tag).end_object();
    json.end_array();
  }
  if (!item.security_labels.empty()) {
    json.key("securityLabel").begin_array();
    for (const auto label : item.security_labels) json.begin_object().member("name", label).end_object();
    json.end_array();
  }
  if (!item.attributes.empty()) {
    json.key("attribute").begin_array();
    for (const auto& [type, value] : item.attributes) {
      json.begin_object().member("type", type).member("value", value).end_object();
    }
    json.end_array();
  }
  if (!item.group_xids.empty()) {
    json.key("associatedGroups").begin_array();
    for (const auto xid : item.group_xids) json.begin_object().member("groupXid", xid).end_object();
    json.end_array();
  }
  json.end_object();
}

}  // namespace tcfeed::threatconnect
