#include "lib/net/http_message.hpp"

#include <algorithm>

namespace tcfeed::net {
namespace {

// Field names are ASCII tokens (RFC 9110 §5.1), so an ASCII fold is exact and, unlike
// std::tolower, does not depend on the process locale.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const Header& field : headers) {
    if (iequals(field.name, name)) {
      return std::string_view(field.value);
    }
  }
  return std::nullopt;
}

}  // namespace tcfeed::net
