#include "lib/indicators/url_host.hpp"

namespace tcfeed::indicators {

std::string_view url_host(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string_view rest = url.substr(scheme_end + 3);
  // One pass to the authority's end ('/', '?' or '#'), remembering where the last '@' left off:
  // a userinfo may hold an unencoded '@' of its own. The allowlist asks this of every URL, and
  // find_first_of() calls memchr once per byte of the authority.
  std::size_t end = 0;
  std::size_t host_start = 0;
  for (; end < rest.size(); ++end) {
    const char c = rest[end];
    if (c == '/' || c == '?' || c == '#') break;
    if (c == '@') host_start = end + 1;
  }
  const std::string_view authority = rest.substr(host_start, end - host_start);
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return {};
    // "[[2001:db8::1]" is no IPv6 literal a browser would connect to (found by fuzzing).
    const std::string_view literal = authority.substr(1, close - 1);
    return literal.find('[') == std::string_view::npos ? literal : std::string_view();
  }
  return authority.substr(0, authority.find(':'));
}

}  // namespace tcfeed::indicators
