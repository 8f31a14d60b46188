#include "tests/sandbox/batch_processor.hpp"

#include <simdjson.h>

#include <algorithm>
#include <string>

#include "tests/sandbox/validation.hpp"

namespace tcfeed::sandbox {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::optional<std::string_view> string_field(element object, std::string_view key) {
  std::string_view text;
  if (object[key].get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return text;
}

std::optional<double> number_of(element value) {
  switch (value.type()) {
    case element_type::INT64: return static_cast<double>(value.get_int64().value_unsafe());
    case element_type::UINT64: return static_cast<double>(value.get_uint64().value_unsafe());
    case element_type::DOUBLE: return value.get_double().value_unsafe();
    default: return std::nullopt;
  }
}

// tcex sends booleans as the strings "true"/"false" (docs/threatconnect.md, Job settings), so both spellings count.
std::optional<bool> bool_of(element value) {
  bool flag = false;
  if (value.get_bool().get(flag) == simdjson::SUCCESS) return flag;
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    if (text == "true") return true;
    if (text == "false") return false;
  }
  return std::nullopt;
}

std::optional<WriteType> write_type_of(std::string_view text, bool allow_attribute_modes) {
  if (text == "Append") return WriteType::kAppend;
  if (text == "Replace") return WriteType::kReplace;
  if (allow_attribute_modes && text == "Singleton") return WriteType::kSingleton;
  if (allow_attribute_modes && text == "Static") return WriteType::kStatic;
  return std::nullopt;
}

// The indicator's summary: identifier fields win over `summary` (docs/threatconnect.md, Upload document).
std::string summary_of(element indicator, const IndicatorType& type) {
  std::string summary;
  bool any_field = false;
  for (const auto field : type.fields) {
    const auto value = string_field(indicator, field);
    if (!value) continue;
    if (any_field) summary += " : ";
    summary.append(*value);
    any_field = true;
  }
  if (any_field) return summary;
  return std::string(string_field(indicator, "summary").value_or(""));
}

// Names from [{"name": ...}, ...]; a malformed entry is a rejection.
Rejection names_of(element indicator, std::string_view key, std::vector<std::string>& names, bool& present) {
  simdjson::dom::array list;
  const auto field = indicator[key];
  present = field.error() == simdjson::SUCCESS;
  if (!present) return std::nullopt;
  if (field.get_array().get(list) != simdjson::SUCCESS) return std::string(key) + " must be an array";
  for (element entry : list) {
    const auto name = string_field(entry, "name");
    if (!name) return std::string(key) + " entries need a string name";
    if (key == "tag") {
      if (auto rejection = validate_tag(*name)) return rejection;
    } else if (name->empty()) {
      return "securityLabel name is empty";
    }
    names.emplace_back(*name);
  }
  return std::nullopt;
}

struct Incoming {
  const IndicatorType* type = nullptr;
  std::string summary;
  std::optional<double> rating;
  std::optional<int> confidence;
  bool has_tags = false, has_labels = false, has_attributes = false;
  std::vector<std::string> tags, labels;
  std::vector<Attribute> attributes;
  std::optional<bool> active, active_locked, private_flag;
};

Rejection read_indicator(element indicator, Incoming& in) {
  if (!indicator.is_object()) return "indicator entry is not an object";
  const auto type_name = string_field(indicator, "type");
  if (!type_name) return "indicator type is required";
  in.type = find_type_by_name(*type_name);
  if (in.type == nullptr) return "unknown indicator type \"" + std::string(*type_name) + "\"";
  in.summary = summary_of(indicator, *in.type);
  if (auto rejection = validate_summary(in.type->kind, in.summary)) return rejection;
  if (const auto field = indicator["rating"]; field.error() == simdjson::SUCCESS && !field.is_null()) {
    const auto rating = number_of(field.value_unsafe());
    if (!rating) return "rating must be a number";
    if (auto rejection = validate_rating(*rating)) return rejection;
    in.rating = *rating;
  }
  if (const auto field = indicator["confidence"]; field.error() == simdjson::SUCCESS && !field.is_null()) {
    const auto confidence = number_of(field.value_unsafe());
    if (!confidence) return "confidence must be a number";
    if (auto rejection = validate_confidence(*confidence)) return rejection;
    in.confidence = static_cast<int>(*confidence);
  }
  if (auto rejection = names_of(indicator, "tag", in.tags, in.has_tags)) return rejection;
  if (auto rejection = names_of(indicator, "securityLabel", in.labels, in.has_labels)) return rejection;
  if (const auto field = indicator["attribute"]; field.error() == simdjson::SUCCESS) {
    in.has_attributes = true;
    simdjson::dom::array list;
    if (field.get_array().get(list) != simdjson::SUCCESS) return "attribute must be an array";
    for (element entry : list) {
      const auto type = string_field(entry, "type");
      const auto value = string_field(entry, "value");
      if (!type || !value || type->empty() || value->empty()) return "attribute needs type and value";
      bool displayed = false;
      if (const auto flag = entry["displayed"]; flag.error() == simdjson::SUCCESS) {
        displayed = bool_of(flag.value_unsafe()).value_or(false);
      }
      in.attributes.push_back({std::string(*type), std::string(*value), displayed});
    }
  }
  const auto flag = [&](std::string_view key, std::optional<bool>& out) -> Rejection {
    const auto field = indicator[key];
    if (field.error() != simdjson::SUCCESS) return std::nullopt;
    out = bool_of(field.value_unsafe());
    if (!out) return std::string(key) + " must be a boolean";
    return std::nullopt;
  };
  if (auto rejection = flag("active", in.active)) return rejection;
  if (auto rejection = flag("activeLocked", in.active_locked)) return rejection;
  if (auto rejection = flag("privateFlag", in.private_flag)) return rejection;
  return std::nullopt;
}

void merge_names(std::vector<std::string>& stored, std::vector<std::string>& incoming, WriteType mode) {
  if (mode == WriteType::kReplace) stored.clear();
  for (auto& name : incoming) {
    if (std::find(stored.begin(), stored.end(), name) == stored.end()) stored.push_back(std::move(name));
  }
}

void merge_attributes(StoredIndicator& stored, std::vector<Attribute>& incoming, WriteType mode, bool created) {
  switch (mode) {
    case WriteType::kAppend: break;  // the platform does not dedupe on Append (docs/threatconnect.md, Job settings)
    case WriteType::kReplace: stored.attributes.clear(); break;
    case WriteType::kSingleton:
      std::erase_if(stored.attributes, [&](const Attribute& existing) {
        return std::any_of(incoming.begin(), incoming.end(),
                           [&](const Attribute& next) { return next.type == existing.type; });
      });
      break;
    case WriteType::kStatic:
      if (!created) return;
      break;
  }
  for (auto& attribute : incoming) stored.attributes.push_back(std::move(attribute));
}

void apply(Store& store, const BatchSettings& settings, Incoming& in, std::int64_t now) {
  if (settings.action == BatchAction::kDelete) {
    store.erase_indicator(settings.owner_id, *in.type, in.summary);
    return;
  }
  bool created = false;
  StoredIndicator& stored = store.upsert(settings.owner_id, *in.type, in.summary, now, created);
  if (in.rating) stored.rating = in.rating;
  if (in.confidence) stored.confidence = in.confidence;
  if (in.active) stored.active = *in.active;
  if (in.active_locked) stored.active_locked = *in.active_locked;
  if (in.private_flag) stored.private_flag = *in.private_flag;
  // A write type only acts on a list the indicator carries: an absent list leaves the stored one.
  if (in.has_tags) merge_names(stored.tags, in.tags, settings.tag_write);
  if (in.has_labels) merge_names(stored.security_labels, in.labels, settings.security_label_write);
  if (in.has_attributes) merge_attributes(stored, in.attributes, settings.attribute_write, created);
  stored.last_modified = now;
}

}  // namespace

std::optional<Response> parse_batch_settings(std::string_view json, const Store& store, BatchSettings& settings) {
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS || !root.is_object()) {
    return failure(400, "Batch settings must be a JSON object");
  }
  if (const auto version = string_field(root, "version"); version && *version != "V1" && *version != "V2") {
    return failure(400, "Invalid batch version; expected V1 or V2");
  }
  const auto owner_name = string_field(root, "owner");
  if (!owner_name || owner_name->empty()) return failure(400, "Batch owner is required");
  const Owner* owner = store.find_owner(*owner_name);
  if (owner == nullptr) {
    return failure(403, "Access Denied: the API user has no access to owner \"" + std::string(*owner_name) + "\"");
  }
  settings.owner_id = owner->id;
  const auto halt = root["haltOnError"];
  std::optional<bool> halt_flag;
  if (halt.error() == simdjson::SUCCESS) halt_flag = bool_of(halt.value_unsafe());
  if (!halt_flag) return failure(400, "haltOnError is required (true or false)");
  settings.halt_on_error = *halt_flag;
  const auto action = string_field(root, "action");
  if (action == "Create")
    settings.action = BatchAction::kCreate;
  else if (action == "Delete")
    settings.action = BatchAction::kDelete;
  else
    return failure(400, "action is required: Create or Delete");
  const auto attribute_mode = string_field(root, "attributeWriteType");
  const auto attribute_write = attribute_mode ? write_type_of(*attribute_mode, true) : std::nullopt;
  if (!attribute_write) return failure(400, "attributeWriteType is required: Append, Replace, Singleton or Static");
  settings.attribute_write = *attribute_write;
  for (const auto& [key, target] : {std::pair{"tagWriteType", &settings.tag_write},
                                    std::pair{"securityLabelWriteType", &settings.security_label_write}}) {
    if (const auto mode = string_field(root, key)) {
      const auto parsed = write_type_of(*mode, false);
      if (!parsed) return failure(400, std::string(key) + " must be Append or Replace");
      *target = *parsed;
    }
  }
  return std::nullopt;
}

void process_batch(Store& store, Job& job, std::string_view document, std::int64_t now) {
  simdjson::dom::parser parser;
  element root;
  if (const auto error = parser.parse(document.data(), document.size()).get(root); error != simdjson::SUCCESS) {
    job.errors.push_back(
        {std::string("JSON syntax error in batch document (0x1003): ") + simdjson::error_message(error), ""});
    job.error_count = 1;
    return;
  }
  simdjson::dom::array indicators;
  if (!root.is_object() || (root["indicator"].error() == simdjson::SUCCESS &&
                            root["indicator"].get_array().get(indicators) != simdjson::SUCCESS)) {
    job.errors.push_back({"JSON syntax error in batch document (0x1003): expected {\"indicator\":[...]}", ""});
    job.error_count = 1;
    return;
  }
  bool halted = false;
  for (element entry : indicators) {
    if (halted) {
      ++job.unprocess_count;
      continue;
    }
    Incoming incoming;
    if (auto rejection = read_indicator(entry, incoming)) {
      job.errors.push_back({"Invalid Indicator (0x1005): " + *rejection, simdjson::minify(entry)});
      ++job.error_count;
      halted = job.settings.halt_on_error;
      continue;
    }
    apply(store, job.settings, incoming, now);
    ++job.success_count;
  }
  // Groups and associations are not modelled: say so per item rather than pretend they landed.
  for (const char* key : {"group", "association"}) {
    simdjson::dom::array items;
    if (root[key].get_array().get(items) != simdjson::SUCCESS) continue;
    for (element item : items) {
      job.errors.push_back({std::string("tcfeed-sandbox does not store ") + key + " items", simdjson::minify(item)});
      ++job.error_count;
    }
  }
}

}  // namespace tcfeed::sandbox
