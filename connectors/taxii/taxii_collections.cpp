#include "connectors/taxii/taxii_collections.hpp"

#include <simdjson.h>

#include <vector>

#include "connectors/json_fields.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/core/percent_encode.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::taxii {

std::string api_root(std::string_view url) {
  std::string root(url);
  while (!root.empty() && root.back() == '/') root.pop_back();
  return root + "/";
}

std::string collections_url(std::string_view root) { return api_root(root) + "collections/"; }

std::string objects_url(std::string_view root, std::string_view collection_id, int limit, std::string_view next,
                        std::string_view added_after) {
  std::string url = collections_url(root) + percent_encode_component(collection_id) + "/objects/";
  url += "?limit=" + std::to_string(limit);
  if (!next.empty()) {
    url += "&next=" + percent_encode_component(next);
  } else if (!added_after.empty()) {
    url += "&added_after=" + percent_encode_component(added_after);
  }
  return url;
}

std::string resolve_collection(pipeline::ByteSource& body, std::string_view wanted, std::size_t max_bytes) {
  std::string text;
  std::vector<char> chunk(64 * 1024);
  while (const std::size_t got = body.read(chunk.data(), chunk.size())) {
    if (text.size() + got > max_bytes) throw pipeline::SourceError("TAXII: the collection list is over max_bytes");
    text.append(chunk.data(), got);
  }
  // The collection's name as configured, not a secret; escaped, since it is the operator's text.
  const std::string shown = "'" + log_escaped(std::string(wanted.substr(0, 200))) + "'";
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text).get(root) != simdjson::SUCCESS || !root.is_object()) {
    throw pipeline::SourceError("TAXII: the collection list is not a JSON object");
  }
  simdjson::dom::array collections;
  if (root["collections"].get(collections) != simdjson::SUCCESS) {
    throw pipeline::SourceError("TAXII: the API root lists no collections, so collection " + shown + " is not there");
  }
  const auto readable = [&](simdjson::dom::element collection) {
    bool can_read = true;
    if (collection["can_read"].get(can_read) == simdjson::SUCCESS && !can_read) {
      throw pipeline::SourceError("TAXII: collection " + shown +
                                  " cannot be read with these credentials (can_read: false)");
    }
    return std::string(json_string(collection, "id"));
  };
  for (auto collection : collections) {
    if (json_string(collection, "id") == wanted) return readable(collection);
  }
  std::string found;
  for (auto collection : collections) {
    if (json_string(collection, "title") != wanted) continue;
    if (!found.empty()) throw pipeline::SourceError("TAXII: two collections are titled " + shown + ": give its id");
    found = readable(collection);
    if (found.empty()) throw pipeline::SourceError("TAXII: collection " + shown + " has no id");
  }
  if (found.empty()) {
    throw pipeline::SourceError("TAXII: no collection with the id or title " + shown + " among the API root's " +
                                std::to_string(collections.size()) + " collections");
  }
  return found;
}

}  // namespace tcfeed::connectors::taxii
