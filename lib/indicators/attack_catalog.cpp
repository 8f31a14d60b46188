#include "lib/indicators/attack_catalog.hpp"

#include <simdjson.h>

#include "lib/indicators/tags.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {

namespace {

std::string upper_id(std::string_view id) {
  std::string out(text::trim(id));  // ids are short: no heap allocation (SSO)
  for (char& c : out) c = text::to_upper(c);
  return out;
}

bool flag_set(simdjson::dom::object object, std::string_view key) {
  bool value = false;
  return !object[key].get(value) && value;
}

// The id MITRE gives a technique: the "mitre-attack" entry of external_references. Other entries
// (capec, NIST) carry ids of other catalogues.
std::optional<std::string_view> mitre_id(simdjson::dom::object object) {
  simdjson::dom::array references;
  if (object["external_references"].get(references)) return std::nullopt;
  for (auto reference : references) {
    std::string_view source;
    std::string_view id;
    if (reference["source_name"].get(source) || source != "mitre-attack") continue;
    if (reference["external_id"].get(id)) continue;
    return id;
  }
  return std::nullopt;
}

}  // namespace

void AttackCatalog::add_technique(std::string_view id, std::string_view name) {
  std::string key = upper_id(id);
  std::string cleaned = clean_tag(name);
  if (key.empty() || cleaned.empty()) return;
  names_.insert_or_assign(std::move(key), std::move(cleaned));
}

std::optional<std::string_view> AttackCatalog::technique_name(std::string_view id) const {
  const auto found = names_.find(upper_id(id));
  if (found == names_.end()) return std::nullopt;
  return std::string_view(found->second);
}

AttackCatalog AttackCatalog::from_stix_bundle(const std::string& path) {
  simdjson::padded_string json;
  if (const auto error = simdjson::padded_string::load(path).get(json)) {
    throw AttackError(path + ": cannot read: " + simdjson::error_message(error));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto error = parser.parse(json).get(root)) {
    throw AttackError(path + ": invalid JSON: " + simdjson::error_message(error));
  }
  simdjson::dom::array objects;
  if (root["objects"].get(objects)) {
    throw AttackError(path + ": not a STIX bundle (no \"objects\" array)");
  }

  AttackCatalog catalog;
  for (auto element : objects) {
    simdjson::dom::object object;
    std::string_view type;
    if (element.get(object) || object["type"].get(type) || type != "attack-pattern") continue;
    // Revoked and deprecated techniques keep their ids in the bundle, but the platform does not
    // convert them and MITRE points users elsewhere: tagging with them would spread dead names.
    if (flag_set(object, "revoked") || flag_set(object, "x_mitre_deprecated")) continue;
    std::string_view name;
    const auto id = mitre_id(object);
    if (!id || object["name"].get(name)) continue;
    catalog.add_technique(*id, name);
  }
  return catalog;
}

}  // namespace tcfeed::indicators
