// POST /misp/<instance>/attributes/restSearch and /misp/<instance>/events/restSearch: a MISP
// instance's REST API (docs/feeds.md, MISP API) over the events in
// `--files DIR/misp/<instance>/events.json`, read at each request so a test adds an event between
// polls by rewriting the file. See README.md.
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/sandbox/api.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {
namespace {

std::string json_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// MISP's own error shape: {"name","message","url"}.
MispAnswer misp_error(int status, std::string_view message, std::string_view url) {
  MispAnswer answer;
  answer.response.status = status;
  answer.response.body = "{\"name\":" + json_quoted(message) + ",\"message\":" + json_quoted(message) +
                         ",\"url\":" + json_quoted(url) + "}";
  return answer;
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// MISP writes ids, timestamps and flags as strings or numbers.
std::optional<std::int64_t> number(simdjson::dom::element value) {
  std::int64_t integer = 0;
  if (value.get(integer) == simdjson::SUCCESS) return integer;
  bool flag = false;
  if (value.get(flag) == simdjson::SUCCESS) return flag ? 1 : 0;
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return integer;
}

std::optional<std::int64_t> field_number(simdjson::dom::element object, std::string_view key) {
  simdjson::dom::element value;
  if (object[key].get(value) != simdjson::SUCCESS) return std::nullopt;
  return number(value);
}

struct Search {
  std::optional<std::int64_t> timestamp;
  std::optional<std::size_t> limit;
  std::size_t page = 1;
  bool to_ids = false;
  bool event_tags = false;
};

// Whether an attribute passes the search's filters (deleted ones never do, as in MISP).
bool wanted(simdjson::dom::element attribute, const Search& search) {
  if (field_number(attribute, "deleted").value_or(0) != 0) return false;
  if (search.to_ids && field_number(attribute, "to_ids").value_or(0) == 0) return false;
  if (search.timestamp && field_number(attribute, "timestamp").value_or(0) < *search.timestamp) return false;
  return true;
}

// The members of `object` but those named in `without`, minified, comma-separated.
std::string members_except(simdjson::dom::object object, std::initializer_list<std::string_view> without) {
  std::string out;
  for (auto field : object) {
    if (std::find(without.begin(), without.end(), field.key) != without.end()) continue;
    if (!out.empty()) out += ',';
    out += json_quoted(field.key) + ":" + simdjson::minify(field.value);
  }
  return out;
}

std::string tags_of(simdjson::dom::element object) {
  simdjson::dom::array tags;
  if (object["Tag"].get(tags) != simdjson::SUCCESS) return "";
  std::string out;
  for (auto tag : tags) {
    if (!out.empty()) out += ',';
    out += simdjson::minify(tag);
  }
  return out;
}

// An event's attributes and its objects' attributes, in that order.
std::vector<simdjson::dom::element> attributes_of(simdjson::dom::element event) {
  std::vector<simdjson::dom::element> out;
  simdjson::dom::array list;
  if (event["Attribute"].get(list) == simdjson::SUCCESS) {
    for (auto attribute : list) out.push_back(attribute);
  }
  simdjson::dom::array objects;
  if (event["Object"].get(objects) == simdjson::SUCCESS) {
    for (auto object : objects) {
      if (object["Attribute"].get(list) != simdjson::SUCCESS) continue;
      for (auto attribute : list) out.push_back(attribute);
    }
  }
  return out;
}

// /attributes/restSearch: {"response":{"Attribute":[…]}}, each attribute with its `Event` (id,
// uuid, info, orgc_id, org_id, distribution) and, with includeEventTags, the event's tags before its own.
std::string attributes_answer(const std::vector<simdjson::dom::element>& events, const Search& search) {
  std::vector<std::string> items;
  for (const auto event : events) {
    std::string event_ref;
    for (const std::string_view key : {"id", "uuid", "info", "orgc_id", "org_id", "distribution"}) {
      simdjson::dom::element value;
      if (event[key].get(value) != simdjson::SUCCESS) continue;
      if (!event_ref.empty()) event_ref += ',';
      event_ref += json_quoted(key) + ":" + simdjson::minify(value);
    }
    const std::string event_id = std::to_string(field_number(event, "id").value_or(0));
    const std::string event_tags = search.event_tags ? tags_of(event) : std::string();
    for (const auto attribute : attributes_of(event)) {
      if (!wanted(attribute, search)) continue;
      simdjson::dom::object fields;
      if (attribute.get(fields) != simdjson::SUCCESS) continue;
      std::string tags = event_tags;
      if (const std::string own = tags_of(attribute); !own.empty()) tags += (tags.empty() ? "" : ",") + own;
      std::string item = "{" + members_except(fields, {"Tag", "Event", "event_id"});
      item += ",\"event_id\":" + json_quoted(event_id) + ",\"Event\":{" + event_ref + "}";
      if (!tags.empty()) item += ",\"Tag\":[" + tags + "]";
      items.push_back(item + "}");
    }
  }
  std::string body = "{\"response\":{\"Attribute\":[";
  const std::size_t first = search.limit ? (search.page - 1) * *search.limit : 0;
  const std::size_t end = search.limit ? std::min(items.size(), first + *search.limit) : items.size();
  for (std::size_t i = first; i < end; ++i) {
    if (i > first) body += ",";
    body += items[i];
  }
  return body + "]}}";
}

// /events/restSearch: {"response":[{"Event":{…}}…]}, events whose timestamp is at least the
// search's, their attributes filtered by to_ids; paged by event.
std::string events_answer(const std::vector<simdjson::dom::element>& events, const Search& search) {
  std::vector<std::string> items;
  for (const auto event : events) {
    if (search.timestamp && field_number(event, "timestamp").value_or(0) < *search.timestamp) continue;
    simdjson::dom::object fields;
    if (event.get(fields) != simdjson::SUCCESS) continue;
    Search attribute_filter = search;
    attribute_filter.timestamp.reset();
    std::string attributes;
    simdjson::dom::array list;
    if (event["Attribute"].get(list) == simdjson::SUCCESS) {
      for (auto attribute : list) {
        if (!wanted(attribute, attribute_filter)) continue;
        if (!attributes.empty()) attributes += ',';
        attributes += simdjson::minify(attribute);
      }
    }
    items.push_back("{\"Event\":{" + members_except(fields, {"Attribute"}) + ",\"Attribute\":[" + attributes + "]}}");
  }
  std::string body = "{\"response\":[";
  const std::size_t first = search.limit ? (search.page - 1) * *search.limit : 0;
  const std::size_t end = search.limit ? std::min(items.size(), first + *search.limit) : items.size();
  for (std::size_t i = first; i < end; ++i) {
    if (i > first) body += ",";
    body += items[i];
  }
  return body + "]}";
}

}  // namespace

MispAnswer handle_misp(const Options& options, const Request& request, std::string_view raw_path) {
  const std::string url(raw_path);
  if (options.files_dir.empty()) return misp_error(404, "No --files directory configured", url);
  // <instance>/(attributes|events)/restSearch
  const auto segments = path_segments(raw_path);
  std::vector<std::string> parts;
  for (const auto& segment : segments) {
    if (segment.empty()) continue;
    if (segment == "." || segment == ".." || segment.find('/') != std::string::npos) {
      return misp_error(400, "Bad path", url);
    }
    parts.push_back(segment);
  }
  if (parts.size() != 3 || (parts[1] != "attributes" && parts[1] != "events") || parts[2] != "restSearch") {
    return misp_error(404, "Not a MISP endpoint of the sandbox", url);
  }
  const std::filesystem::path dir = std::filesystem::path(options.files_dir) / "misp" / parts[0];
  const auto text = read_text(dir / "events.json");
  if (!text) return misp_error(404, "Unknown MISP instance", url);
  // MISP answers a missing or wrong key with 401 (or 403 on older versions) and this message.
  if (const auto expected = read_text(dir / "_auth")) {
    std::string want = *expected;
    while (!want.empty() && (want.back() == '\n' || want.back() == '\r')) want.pop_back();
    if (request.header("authorization").value_or("") != want) {
      return misp_error(401,
                        "Authentication failed. Please make sure you pass the API key of an API enabled user along "
                        "in the Authorization header.",
                        url);
    }
  }
  if (request.method != "POST") return misp_error(405, "restSearch: POST only in the sandbox", url);

  simdjson::dom::parser body_parser;
  simdjson::dom::element body;
  if (body_parser.parse(request.body).get(body) != simdjson::SUCCESS || !body.is_object()) {
    return misp_error(400, "The request body is not a JSON object", url);
  }
  std::string_view format;
  if (body["returnFormat"].get(format) != simdjson::SUCCESS || format != "json") {
    return misp_error(400, "The sandbox answers returnFormat json only", url);
  }
  Search search;
  search.timestamp = field_number(body, "timestamp");
  if (const auto limit = field_number(body, "limit"); limit && *limit > 0) {
    search.limit = static_cast<std::size_t>(*limit);
  }
  if (const auto page = field_number(body, "page"); page && *page > 0) search.page = static_cast<std::size_t>(*page);
  search.to_ids = field_number(body, "to_ids").value_or(0) != 0;
  search.event_tags = field_number(body, "includeEventTags").value_or(0) != 0;

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(*text).get(root) != simdjson::SUCCESS) return misp_error(500, "events.json is not JSON", url);
  // MISP lists the newest event first (by its id, descending); the file's order among equal ids.
  std::vector<simdjson::dom::element> events;
  simdjson::dom::array list;
  if (root["events"].get(list) == simdjson::SUCCESS) {
    for (auto item : list) {
      simdjson::dom::element event;
      if (item["Event"].get(event) == simdjson::SUCCESS) events.push_back(event);
    }
  }
  std::stable_sort(events.begin(), events.end(), [](simdjson::dom::element a, simdjson::dom::element b) {
    return field_number(a, "id").value_or(0) > field_number(b, "id").value_or(0);
  });

  MispAnswer answer;
  answer.response.body = parts[1] == "attributes" ? attributes_answer(events, search) : events_answer(events, search);
  answer.detail = "page=" + std::to_string(search.page) +
                  " timestamp=" + (search.timestamp ? std::to_string(*search.timestamp) : std::string("-"));
  // A test that stops tcfeed in the middle of a poll: the pages from `delay_from_page` on are slow.
  const auto delay_from = field_number(root, "delay_from_page");
  const auto delay_ms = field_number(root, "delay_ms");
  if (delay_from && delay_ms && static_cast<std::int64_t>(search.page) >= *delay_from) {
    answer.delay = std::chrono::milliseconds(*delay_ms);
  }
  return answer;
}

}  // namespace tcfeed::sandbox
