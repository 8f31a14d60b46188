#include "tests/sandbox/multipart.hpp"

#include <cctype>

namespace tcfeed::sandbox {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Value of `key=` in a header's parameter list ("form-data; name=\"config\"; filename=...").
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
  std::size_t position = 0;
  while ((position = header.find(';', position)) != std::string_view::npos) {
    ++position;
    auto rest = trim(header.substr(position));
    const auto equals = rest.find('=');
    if (equals == std::string_view::npos) continue;
    if (lower(trim(rest.substr(0, equals))) != key) continue;
    auto value = trim(rest.substr(equals + 1));
    if (!value.empty() && value.front() == '"') {
      std::string out;
      for (std::size_t i = 1; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      return out;
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return std::nullopt;
}

// A delimiter only counts when followed by "--", CRLF or transport padding: "--bb" in a body is
// not the delimiter of boundary "b".
std::size_t find_delimiter(std::string_view body, const std::string& delimiter, std::size_t from) {
  while (true) {
    const auto found = body.find(delimiter, from);
    if (found == std::string_view::npos) return found;
    const auto after = body.substr(found + delimiter.size(), 2);
    if (after == "--" || after == "\r\n" || after.starts_with(" ") || after.starts_with("\t")) return found;
    from = found + 1;
  }
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (!lower(content_type).starts_with("multipart/")) return std::nullopt;
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty()) return std::nullopt;
  return boundary;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  auto start = body.find(delimiter);
  if (start == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  while (true) {
    start += delimiter.size();
    if (body.substr(start, 2) == "--") return parts;  // closing delimiter
    const auto line_end = body.find("\r\n", start);
    if (line_end == std::string_view::npos) return std::nullopt;
    const auto headers_end = body.find("\r\n\r\n", line_end);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    // line_end + 2 .. headers_end: "Name: value" lines.
    // A part without headers has its blank line right after the delimiter line.
    auto headers = headers_end == line_end ? std::string_view() : body.substr(line_end + 2, headers_end - line_end - 2);
    while (!headers.empty()) {
      const auto eol = headers.find("\r\n");
      const auto line = headers.substr(0, eol);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        const auto name = lower(trim(line.substr(0, colon)));
        const auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          part.name = header_param(value, "name").value_or("");
          part.filename = header_param(value, "filename").value_or("");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (eol == std::string_view::npos) break;
      headers.remove_prefix(eol + 2);
    }
    const auto content_start = headers_end + 4;
    const auto next = find_delimiter(body, "\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.body = body.substr(content_start, next - content_start);
    parts.push_back(std::move(part));
    start = next + 2;
  }
}

}  // namespace tcfeed::sandbox
