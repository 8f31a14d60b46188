#include "connectors/generic/generic_settings.hpp"

#include <array>

#include "lib/config/key_words.hpp"
#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::connectors::generic {
namespace {

// mode: whether the map is incremental.
constexpr std::array<config::KeyWord<bool>, 2> kModeWords = {{{"snapshot", false}, {"incremental", true}}};

indicators::IndicatorType standard_type(const std::string& name, const auto& fail) {
  const auto type = indicators::parse_indicator_type(name);
  if (!type) {
    fail("'" + name + "' is not a standard ThreatConnect indicator type; expected one of " +
         std::string(indicators::all_type_names_joined()));
  }
  return *type;
}

void read_type(config::MapReader& keys, const std::string& type_key, GenericSettings& settings) {
  const bool fixed = keys.has("indicator_type");
  if (fixed == keys.has(type_key)) {
    keys.fail(fixed ? type_key : "indicator_type", "set either indicator_type or " + type_key + " with type_map");
  }
  if (fixed) {
    const std::string name = keys.required_string("indicator_type");
    settings.map.fixed_type = standard_type(name, [&](const std::string& m) { keys.fail("indicator_type", m); });
    if (keys.has("type_map")) keys.fail("type_map", "only used with " + type_key);
    return;
  }
  settings.type_field = keys.required_string(type_key);
  const YAML::Node map = keys.raw("type_map");
  if (!map.IsDefined() || !map.IsMap() || map.size() == 0) {
    keys.fail(map.IsDefined() ? "type_map" : type_key,
              "type_map is required with " + type_key +
                  ": a mapping from the feed's words to type names, e.g. {ip: Address, domain: Host}");
  }
  for (const auto& entry : map) {
    const std::string word = entry.first.Scalar();
    const std::string path = keys.key_path("type_map") + "." + word;
    if (!entry.second.IsScalar()) config::fail_at(keys.file(), entry.second, path, "expected a type name");
    const auto type = standard_type(entry.second.Scalar(),
                                    [&](const std::string& m) { config::fail_at(keys.file(), entry.second, path, m); });
    settings.map.type_map.push_back({word, type});
  }
}

void read_filter(config::MapReader& keys, std::string_view field, GenericSettings& settings) {
  if (!keys.has("filter")) return;
  config::MapReader filter = keys.map("filter");
  const std::string field_key(field);
  settings.filter_field = filter.required_string(field_key);
  const bool equals = filter.has("equals");
  if (equals == filter.has("matches")) filter.fail_here("expected exactly one of equals or matches");
  if (equals) {
    settings.map.filter = FilterKind::Equals;
    settings.map.equals = filter.string("equals").value_or("");
  } else {
    settings.map.filter = FilterKind::Matches;
    const std::string pattern = filter.required_string("matches");
    try {
      settings.map.matches = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& error) {
      filter.fail("matches", "not a valid regular expression (ECMAScript): " + std::string(error.what()));
    }
  }
  filter.finish();
}

}  // namespace

GenericSettings read_generic_settings(pipeline::ConnectorContext& context, std::string_view field) {
  auto& keys = context.keys;
  const std::string suffix = "_" + std::string(field);
  GenericSettings settings;
  settings.location = pipeline::read_source_location(keys, context.global);
  settings.value = keys.required_string("value");
  read_type(keys, "type" + suffix, settings);
  settings.rating_field = keys.string("rating" + suffix).value_or("");
  settings.confidence_field = keys.string("confidence" + suffix).value_or("");
  settings.tags_field = keys.string("tags" + suffix).value_or("");
  read_filter(keys, field, settings);
  settings.map.incremental = config::read_word(keys, "mode", kModeWords, settings.map.incremental);
  settings.id_field = keys.string("id" + suffix).value_or("");
  if (settings.map.incremental && settings.id_field.empty()) {
    keys.fail("mode", "incremental needs id" + suffix + " (a numeric id that grows)");
  }
  if (!settings.map.incremental && !settings.id_field.empty())
    keys.fail("id" + suffix, "only used with mode: incremental");
  settings.access = pipeline::read_source_access(keys, context.global);
  return settings;
}

std::vector<config::KeySpec> generic_keys(std::string_view field, const std::string& field_help) {
  const std::string f(field);
  std::vector<config::KeySpec> keys = {
      {"value", "string", "", "where the indicator value is: " + field_help, true},
      {"indicator_type", "string", "",
       "the type of every value (Address, EmailAddress, File, Host, URL, ASN, CIDR, Email Subject, Hashtag, Mutex, "
       "Registry Key, User Agent); or use type_" +
           f + " + type_map",
       false},
      {"type_" + f, "string", "", "where the record's type word is (" + field_help + "); needs type_map", false},
      {"type_map", "map", "",
       "the feed's type words → type names, e.g. {ip: Address, domain: Host}; words compared case-insensitively; a "
       "record with an unmapped word is counted as 'unmapped type'",
       false},
      {"rating_" + f, "string", "", "where a numeric rating is (taken as is, clamped to 0–5 downstream)", false},
      {"confidence_" + f, "string", "", "where a numeric confidence is (taken as is, clamped to 0–100 downstream)",
       false},
      {"tags_" + f, "string", "", "where the tags are: a comma-separated list (or a JSON array of strings)", false},
      {"filter", "map", "",
       "keep only records whose field matches: {" + f + ": X, equals: V} or {" + f +
           ": X, matches: REGEX} (ECMAScript, searched anywhere in the trimmed field)",
       false},
      {"mode", "string", config::word_for(kModeWords, GenericMapOptions{}.incremental),
       "snapshot: every poll reads the whole feed (dedupe skips what was sent); incremental: only records whose id_" +
           f + " is above the highest id read before",
       false},
      {"id_" + f, "string", "", "incremental only: where the record's numeric id is", false},
  };
  const auto location_keys = pipeline::source_location_keys("the feed (zip or gzip are unpacked)");
  keys.insert(keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) keys.push_back(std::move(key));
  return keys;
}

}  // namespace tcfeed::connectors::generic
