// GET /taxii2/<root>/collections/ and /taxii2/<root>/collections/<id>/objects/: a TAXII 2.1
// server (docs/feeds.md, TAXII 2.1) over the collections in `--files DIR/taxii/<root>/<id>.json`,
// read at each request so a test adds objects between polls by rewriting the file. See README.md.
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/sandbox/api.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {
namespace {

constexpr std::string_view kTaxiiType = "application/taxii+json;version=2.1";

std::string json_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

Response taxii_error(int status, std::string_view title) {
  Response response;
  response.status = status;
  response.content_type = std::string(kTaxiiType);
  response.body = "{\"title\":" + json_quoted(title) + "}";
  return response;
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A timestamp as a string that orders like the time: the fraction padded to six digits, so
// "…:00Z" and "…:00.000Z" are equal and "…:00.5Z" after both.
std::string time_key(std::string_view text) {
  if (text.size() < 20 || text.back() != 'Z') return std::string(text);
  std::string key(text.substr(0, 19));
  std::string fraction;
  if (text.size() > 20 && text[19] == '.') fraction = std::string(text.substr(20, text.size() - 21));
  fraction.resize(6, '0');
  return key + "." + fraction.substr(0, 6);
}

struct Entry {
  std::string date_added;
  std::string object;  // minified
};

struct Collection {
  std::string id;
  std::string title;
  std::size_t page_size = 100;
  bool inclusive = false;   // added_after matches date_added equal to it too
  bool next_tokens = true;  // false: `more` without `next`; the client pages by added_after
  std::vector<Entry> objects;
};

std::optional<Collection> load(const std::filesystem::path& path) {
  const auto text = read_text(path);
  if (!text) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(*text).get(root) != simdjson::SUCCESS) return std::nullopt;
  Collection collection;
  collection.id = path.stem().string();
  std::string_view text_field;
  if (root["title"].get(text_field) == simdjson::SUCCESS) collection.title = text_field;
  std::int64_t page_size = 0;
  if (root["page_size"].get(page_size) == simdjson::SUCCESS && page_size > 0) {
    collection.page_size = static_cast<std::size_t>(page_size);
  }
  if (root["added_after"].get(text_field) == simdjson::SUCCESS) collection.inclusive = text_field == "inclusive";
  bool flag = true;
  if (root["next"].get(flag) == simdjson::SUCCESS) collection.next_tokens = flag;
  simdjson::dom::array objects;
  if (root["objects"].get(objects) == simdjson::SUCCESS) {
    for (auto item : objects) {
      Entry entry;
      if (item["date_added"].get(text_field) != simdjson::SUCCESS) continue;
      entry.date_added = text_field;
      entry.object = simdjson::minify(item["object"]);
      collection.objects.push_back(std::move(entry));
    }
  }
  std::stable_sort(collection.objects.begin(), collection.objects.end(),
                   [](const Entry& a, const Entry& b) { return time_key(a.date_added) < time_key(b.date_added); });
  return collection;
}

Response collections(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string body = "{\"collections\":[";
  bool first = true;
  for (const auto& file : files) {
    const auto collection = load(file);
    if (!collection) continue;
    if (!first) body += ",";
    first = false;
    body += "{\"id\":" + json_quoted(collection->id) + ",\"title\":" + json_quoted(collection->title) +
            ",\"can_read\":true,\"can_write\":false,\"media_types\":[\"application/stix+json;version=2.1\"]}";
  }
  body += "]}";
  Response response;
  response.content_type = std::string(kTaxiiType);
  response.body = std::move(body);
  return response;
}

Response objects(const Collection& collection, const Request& request) {
  const auto next = query_param(request.query(), "next");
  auto added_after = query_param(request.query(), "added_after");
  // The specification's paging: a client sends one or the other (docs/feeds.md, TAXII 2.1).
  if (next && added_after) return taxii_error(400, "next and added_after in one request");
  std::size_t offset = 0;
  if (next) {
    // The token carries the position and the query it continues: "<offset>_<added_after>".
    const auto underscore = next->find('_');
    if (underscore == std::string::npos || !collection.next_tokens) return taxii_error(400, "unknown next token");
    try {
      offset = std::stoul(next->substr(0, underscore));
    } catch (const std::exception&) {
      return taxii_error(400, "unknown next token");
    }
    added_after = next->substr(underscore + 1);
    if (added_after->empty()) added_after.reset();
  }
  std::size_t limit = collection.page_size;
  if (const auto asked = query_param(request.query(), "limit")) {
    try {
      limit = std::min(limit, static_cast<std::size_t>(std::stoul(*asked)));
    } catch (const std::exception&) {
      return taxii_error(400, "limit: expected a number");
    }
  }
  if (limit == 0) return taxii_error(400, "limit: at least 1");
  std::vector<const Entry*> matching;
  const std::string after = added_after ? time_key(*added_after) : std::string();
  for (const auto& entry : collection.objects) {
    const std::string key = time_key(entry.date_added);
    if (!added_after || key > after || (collection.inclusive && key == after)) matching.push_back(&entry);
  }
  Response response;
  response.content_type = std::string(kTaxiiType);
  if (offset >= matching.size()) {
    response.body = "{}";  // the specification's empty envelope
    return response;
  }
  const std::size_t end = std::min(matching.size(), offset + limit);
  const bool more = end < matching.size();
  std::string body = std::string("{\"more\":") + (more ? "true" : "false");
  if (more && collection.next_tokens) {
    body += ",\"next\":" + json_quoted(std::to_string(end) + "_" + added_after.value_or(""));
  }
  body += ",\"objects\":[";
  for (std::size_t i = offset; i < end; ++i) {
    if (i > offset) body += ",";
    body += matching[i]->object;
  }
  body += "]}";
  response.body = std::move(body);
  response.headers.emplace_back("X-TAXII-Date-Added-First", matching[offset]->date_added);
  response.headers.emplace_back("X-TAXII-Date-Added-Last", matching[end - 1]->date_added);
  return response;
}

}  // namespace

Response handle_taxii(const Options& options, const Request& request, std::string_view raw_path) {
  if (options.files_dir.empty()) return taxii_error(404, "No --files directory configured");
  if (request.method != "GET") return taxii_error(405, "TAXII: GET only");
  if (request.header("accept").value_or("").find(kTaxiiType) == std::string_view::npos) {
    return taxii_error(406, "Accept must name application/taxii+json;version=2.1");
  }
  const auto segments = path_segments(raw_path);
  // <root> collections [<id> objects]
  std::vector<std::string> parts;
  for (const auto& segment : segments) {
    if (segment.empty()) continue;
    if (segment == "." || segment == ".." || segment.find('/') != std::string::npos)
      return taxii_error(400, "bad path");
    parts.push_back(segment);
  }
  if (parts.size() < 2 || parts[1] != "collections") return taxii_error(404, "Not a TAXII endpoint of the sandbox");
  const std::filesystem::path dir = std::filesystem::path(options.files_dir) / "taxii" / parts[0];
  if (!std::filesystem::is_directory(dir)) return taxii_error(404, "Unknown API root");
  // Basic auth when the root has an `_auth` file holding the expected Authorization value.
  if (const auto expected = read_text(dir / "_auth")) {
    std::string want = *expected;
    while (!want.empty() && (want.back() == '\n' || want.back() == '\r')) want.pop_back();
    if (request.header("authorization").value_or("") != want) return taxii_error(401, "Unauthorized");
  }
  if (parts.size() == 2) return collections(dir);
  if (parts.size() != 4 || parts[3] != "objects") return taxii_error(404, "Not a TAXII endpoint of the sandbox");
  const auto collection = load(dir / (parts[2] + ".json"));
  if (!collection) return taxii_error(404, "Unknown collection");
  return objects(*collection, request);
}

}  // namespace tcfeed::sandbox
