#include "lib/pipeline/delivery/document_items.hpp"

#include <simdjson.h>

#include <stdexcept>

#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

std::vector<std::string> document_items(std::string_view document) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(document);
  simdjson::ondemand::document root;
  simdjson::ondemand::array array;
  if (parser.iterate(padded).get(root) || root["indicator"].get_array().get(array)) {
    throw std::runtime_error("not an upload document");
  }
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

std::string make_document(std::span<const std::string> items) {
  std::string document(threatconnect::kDocumentOpen);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) document += ',';
    document += items[i];
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
  return identity;
}

}  // namespace tcfeed::pipeline
