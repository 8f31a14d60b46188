// GET /files/<name>: local feed files over HTTPS for connector tests, with the validators
// (ETag, Last-Modified) that connectors use as cursors, and an Expires header when the test asks.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/sandbox/api.hpp"
#include "tests/sandbox/http_date.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {
namespace {

bool safe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\0') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (true) {
    const auto slash = name.find('/', start);
    const auto segment = name.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (segment == ".." || segment == "." || segment.empty()) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::string content_type_for(const std::string& name) {
  const auto extension = std::filesystem::path(name).extension().string();
  if (extension == ".json") return "application/json";
  if (extension == ".csv") return "text/csv";
  if (extension == ".txt") return "text/plain";
  if (extension == ".xml") return "application/xml";
  if (extension == ".gz") return "application/gzip";
  if (extension == ".zip") return "application/zip";
  return "application/octet-stream";
}

// If-None-Match: a list of entity tags or "*"; weak tags compare by their opaque part.
bool etag_matches(std::string_view header, std::string_view etag) {
  std::size_t start = 0;
  while (start < header.size()) {
    const auto comma = header.find(',', start);
    auto item = header.substr(start, comma == std::string_view::npos ? comma : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

Response handle_file(const Options& options, const Request& request, std::string_view raw_name) {
  if (options.files_dir.empty()) return failure(404, "No --files directory configured");
  const std::string name = percent_decode(raw_name, false);
  if (!safe_name(name)) return failure(400, "Bad file name");
  const std::string path = options.files_dir + "/" + name;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return failure(404, "File not found");

  const auto size = static_cast<std::uint64_t>(info.st_size);
  const auto mtime = static_cast<std::int64_t>(info.st_mtime);
  char etag_buffer[64];
  std::snprintf(etag_buffer, sizeof etag_buffer, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime));
  const std::string etag(etag_buffer);
  Response response;
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Last-Modified", format_http_date(mtime));
  response.headers.emplace_back("Cache-Control", "no-cache");
  // A list that states its own expiry (Spamhaus's files): `<name>.expires` beside it holds the
  // Expires header's value, sent with the 200 and with a 304 alike.
  if (std::ifstream expires(path + ".expires"); expires) {
    std::string value;
    std::getline(expires, value);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    if (!value.empty()) response.headers.emplace_back("Expires", value);
  }

  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  bool not_modified = false;
  if (const auto if_none_match = request.header("if-none-match")) {
    not_modified = etag_matches(*if_none_match, etag);
  } else if (const auto if_modified_since = request.header("if-modified-since")) {
    const auto since = parse_http_date(*if_modified_since);
    not_modified = since && mtime <= *since;
  }
  if (not_modified) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return failure(404, "File not readable");
  std::ostringstream content;
  content << in.rdbuf();
  response.body = content.str();
  response.content_type = content_type_for(name);
  return response;
}

}  // namespace tcfeed::sandbox
