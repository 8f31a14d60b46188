#include "lib/indicators/url_syntax.hpp"

#include <algorithm>
#include <cstdint>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators::url_syntax {
namespace {

constexpr bool is_unreserved(char c) {
  return text::is_alpha(c) || text::is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
constexpr bool is_sub_delim(char c) {
  return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' ||
         c == ';' || c == '=';
}

// Whether RFC 3986 lets byte `c` appear literally in `part` ('%' is handled by the caller).
constexpr bool allowed_in(char c, Part part) {
  if (is_unreserved(c) || is_sub_delim(c) || c == ':') return true;
  switch (part) {
    case Part::UserInfo: return false;
    case Part::Path: return c == '@' || c == '/';
    case Part::Query:
    case Part::Fragment: return c == '@' || c == '/' || c == '?';
  }
  return false;
}

// allowed_in() as one table per part: the copy loop below tests a byte with one load.
using ByteTable = std::array<bool, 256>;
constexpr ByteTable make_table(Part part) {
  ByteTable table{};
  for (int b = 0; b < 256; ++b) table[static_cast<std::size_t>(b)] = allowed_in(static_cast<char>(b), part);
  return table;
}
constexpr std::array<ByteTable, 4> kAllowed = {make_table(Part::UserInfo), make_table(Part::Path),
                                               make_table(Part::Query), make_table(Part::Fragment)};

}  // namespace

const Scheme* find_scheme(std::string_view name) {
  for (const auto& scheme : kSchemes) {
    if (text::iequals(scheme.name, name)) return &scheme;
  }
  return nullptr;
}

void append_encoded(std::string_view in, Part part, std::string& out) {
  const ByteTable& allowed = kAllowed[static_cast<std::size_t>(part)];
  std::size_t i = 0;
  while (i < in.size()) {
    // Real paths are mostly allowed bytes: copy each run in one append.
    std::size_t run = i;
    while (run < in.size() && allowed[static_cast<unsigned char>(in[run])]) ++run;
    out.append(in.data() + i, run - i);
    if (run == in.size()) return;
    const char c = in[run];
    if (c == '%' && run + 2 < in.size() && text::is_hex(in[run + 1]) && text::is_hex(in[run + 2])) {
      out.push_back('%');  // a valid escape keeps its case; its two hex digits are allowed bytes
    } else {
      text::append_percent_encoded(out, static_cast<unsigned char>(c));
    }
    i = run + 1;
  }
}

void append_tail(std::string_view tail, std::string& out) {
  const std::size_t fragment_start = std::min(tail.find('#'), tail.size());
  const std::size_t query_start = std::min(tail.find('?'), fragment_start);
  append_encoded(tail.substr(0, query_start), Part::Path, out);
  if (query_start < fragment_start) {
    out.push_back('?');
    append_encoded(tail.substr(query_start + 1, fragment_start - query_start - 1), Part::Query, out);
  }
  if (fragment_start < tail.size()) {
    out.push_back('#');
    append_encoded(tail.substr(fragment_start + 1), Part::Fragment, out);
  }
}

Reject append_port(std::string_view port, unsigned default_port, std::string& out) {
  // RFC 3986 §3.2.3: an empty port is the same as the default one.
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  if (port.empty()) return Reject::None;
  if (port.size() > 5) return Reject::UrlInvalidPort;
  unsigned value = 0;
  for (char c : port) {
    if (!text::is_digit(c)) return Reject::UrlInvalidPort;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535) return Reject::UrlInvalidPort;
  if (value == default_port) return Reject::None;
  out.push_back(':');
  out.append(port);
  return Reject::None;
}

}  // namespace tcfeed::indicators::url_syntax
