#include "tests/sandbox/indicator_control.hpp"

#include <simdjson.h>

#include <string>

namespace tcfeed::sandbox {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::optional<std::string> apply_change(Store& store, object change, std::int64_t now) {
  std::string_view owner_name, type_name, summary;
  if (change["owner"].get(owner_name) || change["type"].get(type_name) || change["summary"].get(summary)) {
    return "each change needs owner, type and summary";
  }
  const Owner* owner = store.find_owner(owner_name);
  if (owner == nullptr) return "unknown owner " + std::string(owner_name);
  const IndicatorType* type = find_type_by_name(type_name);
  if (type == nullptr) return "unknown type " + std::string(type_name);
  bool erase = false;
  if (!change["delete"].get(erase) && erase) {
    if (!store.erase_indicator(owner->id, *type, summary)) return "no such indicator " + std::string(summary);
    return std::nullopt;
  }
  bool created = false;
  StoredIndicator& indicator = store.upsert(owner->id, *type, std::string(summary), now, created);
  double rating = 0;
  if (!change["rating"].get(rating)) indicator.rating = rating;
  std::int64_t confidence = 0;
  if (!change["confidence"].get(confidence)) indicator.confidence = static_cast<int>(confidence);
  bool active = true;
  if (!change["active"].get(active)) indicator.active = active;
  simdjson::dom::array tags;
  if (!change["tags"].get(tags)) {
    indicator.tags.clear();
    for (auto tag : tags) {
      std::string_view name;
      if (!tag.get(name)) indicator.tags.emplace_back(name);
    }
  }
  indicator.last_modified = now;
  return std::nullopt;
}

std::optional<std::string> generate(Store& store, object spec, std::int64_t now) {
  std::string_view owner_name;
  std::int64_t count = 0, start = 0, confidence = 50, age = 0;
  double rating = 3;
  if (spec["owner"].get(owner_name) || spec["count"].get(count)) return "generate needs owner and count";
  // Optional: each keeps its default when absent.
  if (spec["start"].get(start)) start = 0;
  if (spec["rating"].get(rating)) rating = 3;
  if (spec["confidence"].get(confidence)) confidence = 50;
  if (spec["age"].get(age)) age = 0;  // seconds before now for dateAdded and lastModified
  const Owner* owner = store.find_owner(owner_name);
  if (owner == nullptr) return "unknown owner " + std::string(owner_name);
  const IndicatorType* type = find_type_by_name("Address");
  for (std::int64_t i = 0; i < count; ++i) {
    const std::uint32_t address = (11u << 24) + static_cast<std::uint32_t>(start + i);
    std::string summary = std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
                          std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
    bool created = false;
    // Spread over the `age` seconds up to now, oldest first, as a list built over time is.
    const std::int64_t when = now - age + (count > 0 ? age * i / count : 0);
    StoredIndicator& indicator = store.upsert(owner->id, *type, std::move(summary), when, created);
    indicator.rating = rating;
    indicator.confidence = static_cast<int>(confidence);
    indicator.last_modified = when;
  }
  return std::nullopt;
}

}  // namespace

Response control_indicators(Store& store, const Request& request, std::int64_t now) {
  simdjson::dom::parser parser;
  object root;
  if (parser.parse(request.body.data(), request.body.size()).get(root)) {
    return failure(400, "the body must be a JSON object");
  }
  std::optional<std::string> error;
  object spec;
  simdjson::dom::array changes;
  if (!root["generate"].get(spec)) {
    error = generate(store, spec, now);
  } else if (!root["changes"].get(changes)) {
    for (auto change : changes) {
      object item;
      if (change.get(item)) return failure(400, "each change must be an object");
      if ((error = apply_change(store, item, now))) break;
    }
  } else {
    error = apply_change(store, root, now);
  }
  if (error) return failure(400, *error);
  return json_response(200, R"({"status":"Success"})");
}

}  // namespace tcfeed::sandbox
