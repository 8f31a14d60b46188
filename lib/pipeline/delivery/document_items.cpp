#include "lib/pipeline/delivery/document_items.hpp"

#include <simdjson.h>

#include <algorithm>
#include <stdexcept>

#include "lib/threatconnect/association_json.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

namespace {

// The raw items of the document's array `key`; none when `required` is false and it is absent.
std::vector<std::string> array_items(std::string_view document, std::string_view key, bool required) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(document);
  simdjson::ondemand::document root;
  simdjson::ondemand::array array;
  if (parser.iterate(padded).get(root)) throw std::runtime_error("not an upload document");
  auto field = root.find_field_unordered(key);
  if (!required && field.error() == simdjson::NO_SUCH_FIELD) return {};
  if (field.get_array().get(array)) throw std::runtime_error("not an upload document");
  std::vector<std::string> items;
  for (auto element : array) {
    simdjson::ondemand::object object;
    std::string_view raw;
    if (element.get_object().get(object) || object.raw_json().get(raw)) {
      throw std::runtime_error("malformed upload document");
    }
    // raw_json() runs to the next token: trailing whitespace is not part of the item.
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    items.emplace_back(raw);
  }
  return items;
}

// The string values of `key` in each member of the item's array `list`.
std::vector<std::string> strings_in(std::string_view item, const char* list, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::array array;
  std::vector<std::string> out;
  if (parser.parse(item.data(), item.size()).get(root) || root[list].get(array)) return out;
  for (auto entry : array) {
    std::string_view text;
    if (!entry[key].get(text)) out.emplace_back(text);
  }
  return out;
}

std::string xid_of(std::string_view group) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view xid;
  if (parser.parse(group.data(), group.size()).get(root) || root["xid"].get(xid)) return {};
  return std::string(xid);
}

}  // namespace

std::vector<std::string> document_items(std::string_view document) { return array_items(document, "indicator", true); }

std::vector<std::string> document_groups(std::string_view document) { return array_items(document, "group", false); }

std::vector<std::string> document_associations(std::string_view document) {
  return array_items(document, "association", false);
}

std::vector<std::string> groups_for(std::span<const std::string> items, std::span<const std::string> groups,
                                    std::span<const std::string> all_items, bool unreferenced) {
  const auto referenced_by = [](std::span<const std::string> list) {
    std::vector<std::string> xids;
    for (const auto& item : list) {
      for (auto& xid : strings_in(item, "associatedGroups", "groupXid")) xids.push_back(std::move(xid));
    }
    return xids;
  };
  const auto wanted = referenced_by(items);
  const auto anywhere = unreferenced ? referenced_by(all_items) : std::vector<std::string>();
  const auto contains = [](const std::vector<std::string>& xids, const std::string& xid) {
    return std::find(xids.begin(), xids.end(), xid) != xids.end();
  };
  std::vector<std::string> out;
  for (const auto& group : groups) {
    const auto xid = xid_of(group);
    if (contains(wanted, xid) || (unreferenced && !contains(anywhere, xid))) out.push_back(group);
  }
  return out;
}

std::string make_document(std::span<const std::string> items, std::span<const std::string> groups,
                          std::span<const std::string> associations) {
  std::string document;
  if (!groups.empty()) {
    document.assign(threatconnect::kGroupsOpen);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (i > 0) document += ',';
      document += groups[i];
    }
    document += threatconnect::kGroupsThenIndicators;
  } else {
    document.assign(threatconnect::kDocumentOpen);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) document += ',';
    document += items[i];
  }
  if (!associations.empty()) {
    document += threatconnect::kIndicatorsThenAssociations;
    for (std::size_t i = 0; i < associations.size(); ++i) {
      if (i > 0) document += ',';
      document += associations[i];
    }
  }
  document += threatconnect::kDocumentClose;
  return document;
}

ItemIdentity item_identity(std::string_view item) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(item.data(), item.size()).get(root)) return {};
  ItemIdentity identity;
  std::string_view text;
  if (!root["type"].get(text)) identity.type = std::string(text);
  if (!root["summary"].get(text)) identity.summary = std::string(text);
  if (identity.summary.empty() && !root["xid"].get(text) && !root["name"].get(text)) identity.group_name = text;
  if (identity.summary.empty() && !root["ref_1"].get(text)) {
    identity.ref_1 = std::string(text);
    if (!root["ref_2"].get(text)) identity.ref_2 = std::string(text);
  }
  return identity;
}

}  // namespace tcfeed::pipeline
