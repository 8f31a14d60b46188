#include "tests/sandbox/batch_processor.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
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
  std::vector<std::string> group_xids;  // associatedGroups
};

// The platform's group types (its v2 group branches; docs/threatconnect.md, Groups).
constexpr std::array<std::string_view, 16> kGroupTypes = {
    "Adversary",     "Attack Pattern", "Campaign", "Course of Action", "Document", "Email",  "Event", "Incident",
    "Intrusion Set", "Malware",        "Report",   "Signature",        "Tactic",   "Threat", "Tool",  "Vulnerability"};
constexpr std::size_t kMaxGroupName = 100;

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Rejection read_attributes(element item, std::vector<Attribute>& attributes, bool& present) {
  const auto field = item["attribute"];
  present = field.error() == simdjson::SUCCESS;
  if (!present) return std::nullopt;
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
    attributes.push_back({std::string(*type), std::string(*value), displayed});
  }
  return std::nullopt;
}

struct IncomingGroup {
  std::string type, name, xid, date;
  bool has_tags = false, has_labels = false, has_attributes = false;
  std::vector<std::string> tags, labels;
  std::vector<Attribute> attributes;
};

Rejection read_group(element group, IncomingGroup& in) {
  if (!group.is_object()) return "group entry is not an object";
  const auto type = string_field(group, "type");
  if (!type) return "group type is required";
  if (std::find(kGroupTypes.begin(), kGroupTypes.end(), *type) == kGroupTypes.end()) {
    return "unknown group type \"" + std::string(*type) + "\"";
  }
  in.type = std::string(*type);
  const auto name = string_field(group, "name");
  if (!name || name->empty()) return "group name is required";
  if (utf8_length(*name) > kMaxGroupName) return "group name longer than 100 characters";
  in.name = std::string(*name);
  // docs/threatconnect.md, Groups: a group's xid is required and is its key.
  const auto xid = string_field(group, "xid");
  if (!xid || xid->empty()) return "group xid is required";
  in.xid = std::string(*xid);
  for (const char* key : {"eventDate", "publishDate", "firstSeen"}) {
    if (const auto date = string_field(group, key)) in.date = std::string(*date);
  }
  if (auto rejection = names_of(group, "tag", in.tags, in.has_tags)) return rejection;
  if (auto rejection = names_of(group, "securityLabel", in.labels, in.has_labels)) return rejection;
  return read_attributes(group, in.attributes, in.has_attributes);
}

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
  if (auto rejection = read_attributes(indicator, in.attributes, in.has_attributes)) return rejection;
  if (const auto field = indicator["associatedGroups"]; field.error() == simdjson::SUCCESS) {
    simdjson::dom::array list;
    if (field.get_array().get(list) != simdjson::SUCCESS) return "associatedGroups must be an array";
    for (element entry : list) {
      const auto xid = string_field(entry, "groupXid");
      if (!xid || xid->empty()) return "associatedGroups entries need a groupXid";
      in.group_xids.emplace_back(*xid);
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

void merge_attributes(std::vector<Attribute>& stored, std::vector<Attribute>& incoming, WriteType mode, bool created) {
  switch (mode) {
    case WriteType::kAppend: break;  // the platform does not dedupe on Append (docs/threatconnect.md, Job settings)
    case WriteType::kReplace: stored.clear(); break;
    case WriteType::kSingleton:
      std::erase_if(stored, [&](const Attribute& existing) {
        return std::any_of(incoming.begin(), incoming.end(),
                           [&](const Attribute& next) { return next.type == existing.type; });
      });
      break;
    case WriteType::kStatic:
      if (!created) return;
      break;
  }
  for (auto& attribute : incoming) stored.push_back(std::move(attribute));
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
  if (in.has_attributes) merge_attributes(stored.attributes, in.attributes, settings.attribute_write, created);
  stored.last_modified = now;
}

// A Create job's group: created or updated by its xid, with the job's write types.
void apply_group(Store& store, const BatchSettings& settings, IncomingGroup& in, std::int64_t now) {
  bool created = false;
  StoredGroup& stored = store.upsert_group(settings.owner_id, in.xid, now, created);
  stored.type = in.type;
  stored.name = in.name;
  if (!in.date.empty()) stored.date = in.date;
  if (in.has_tags) merge_names(stored.tags, in.tags, settings.tag_write);
  if (in.has_labels) merge_names(stored.security_labels, in.labels, settings.security_label_write);
  if (in.has_attributes) merge_attributes(stored.attributes, in.attributes, settings.attribute_write, created);
  stored.last_modified = now;
}

// The indicator's associations: an xid no group has is the platform's association error, the
// indicator itself kept. Returns the xids not found.
std::vector<std::string> associate(Store& store, const BatchSettings& settings, const Incoming& in) {
  std::vector<std::string> unknown;
  if (in.group_xids.empty() || settings.action != BatchAction::kCreate) return unknown;
  StoredIndicator* stored = store.find_indicator(settings.owner_id, *in.type, in.summary);
  for (const auto& xid : in.group_xids) {
    const StoredGroup* group = store.find_group_by_xid(xid);
    if (group == nullptr) {
      unknown.push_back(xid);
      continue;
    }
    if (stored != nullptr &&
        std::find(stored->group_ids.begin(), stored->group_ids.end(), group->id) == stored->group_ids.end()) {
      stored->group_ids.push_back(group->id);
    }
  }
  return unknown;
}

// One end of an `association[]` entry: `ref_n` with `type_n` is an indicator of the job's owner
// (by summary), without it a group (by xid); `id_n` is not modelled.
struct AssociationEnd {
  StoredIndicator* indicator = nullptr;
  StoredGroup* group = nullptr;
};

Rejection find_end(Store& store, const BatchSettings& settings, element item, int n, AssociationEnd& end) {
  const std::string suffix = std::to_string(n);
  if (item["id_" + suffix].error() == simdjson::SUCCESS) return "id_" + suffix + " is not modelled by tcfeed-sandbox";
  const auto ref = string_field(item, "ref_" + suffix);
  if (!ref || ref->empty()) return "ref_" + suffix + " is required";
  if (const auto type_name = string_field(item, "type_" + suffix)) {
    const IndicatorType* type = find_type_by_name(*type_name);
    if (type == nullptr) return "unknown indicator type \"" + std::string(*type_name) + "\"";
    end.indicator = store.find_indicator(settings.owner_id, *type, *ref);
    if (end.indicator == nullptr) {
      return "no " + std::string(*type_name) + " indicator \"" + std::string(*ref) + "\" in the owner";
    }
    return std::nullopt;
  }
  end.group = store.find_group_by_xid(*ref);
  if (end.group == nullptr) return "no group with xid \"" + std::string(*ref) + "\"";
  return std::nullopt;
}

void add_id(std::vector<std::int64_t>& ids, std::int64_t id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// docs/threatconnect.md, Associations: both ends must exist (in the job or on the platform), an
// indicator end names its type, two indicators need an associationType (not modelled here).
Rejection associate_item(Store& store, const BatchSettings& settings, element item) {
  if (!item.is_object()) return "association entry is not an object";
  if (settings.action != BatchAction::kCreate) return "tcfeed-sandbox does not delete associations";
  AssociationEnd first, second;
  if (auto rejection = find_end(store, settings, item, 1, first)) return rejection;
  if (auto rejection = find_end(store, settings, item, 2, second)) return rejection;
  if (first.indicator != nullptr && second.indicator != nullptr) {
    return "indicator-to-indicator associations (associationType) are not modelled by tcfeed-sandbox";
  }
  if (first.indicator != nullptr) std::swap(first, second);  // the group first
  if (second.indicator != nullptr) {
    add_id(second.indicator->group_ids, first.group->id);
  } else if (first.group != second.group) {
    add_id(first.group->group_ids, second.group->id);
    add_id(second.group->group_ids, first.group->id);
  }
  return std::nullopt;
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
  // A document may hold groups only: its indicator array is then absent.
  const bool has_indicators = root["indicator"].error() == simdjson::SUCCESS;
  bool halted = false;
  // Groups first, wherever the array stands in the document: the indicators reference them.
  if (simdjson::dom::array groups; root["group"].get_array().get(groups) == simdjson::SUCCESS) {
    for (element entry : groups) {
      if (halted) {
        ++job.unprocess_count;
        continue;
      }
      IncomingGroup incoming;
      Rejection rejection = read_group(entry, incoming);
      if (!rejection && job.settings.action != BatchAction::kCreate) {
        rejection = "tcfeed-sandbox does not delete groups";
      }
      if (rejection) {
        job.errors.push_back({"Invalid Group (0x1006): " + *rejection, simdjson::minify(entry)});
        ++job.error_count;
        halted = job.settings.halt_on_error;
        continue;
      }
      apply_group(store, job.settings, incoming, now);
      ++job.success_count;
    }
  }
  // A default array may not be iterated.
  std::vector<element> entries;
  if (has_indicators) entries.assign(indicators.begin(), indicators.end());
  for (element entry : entries) {
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
    for (const auto& xid : associate(store, job.settings, incoming)) {
      job.errors.push_back({"Association (0x1009): no group with xid \"" + xid + "\"", simdjson::minify(entry)});
      ++job.error_count;
      halted = job.settings.halt_on_error;
    }
  }
  // Associations last, wherever the array stands: their ends are the job's groups and indicators,
  // or ones the platform already has. A stored association counts among the successes.
  if (simdjson::dom::array items; root["association"].get_array().get(items) == simdjson::SUCCESS) {
    for (element item : items) {
      if (halted) {
        ++job.unprocess_count;
        continue;
      }
      if (auto rejection = associate_item(store, job.settings, item)) {
        job.errors.push_back({"Association (0x1009): " + *rejection, simdjson::minify(item)});
        ++job.error_count;
        halted = job.settings.halt_on_error;
        continue;
      }
      ++job.success_count;
    }
  } else if (root["association"].error() == simdjson::SUCCESS) {
    job.errors.push_back({"JSON syntax error in batch document (0x1003): association must be an array", ""});
    ++job.error_count;
  }
}

}  // namespace tcfeed::sandbox
