// The plain-URL fast path (url_internal.hpp). Everything it writes is an RFC 3986 URI by
// construction — a known scheme, a host that passed the Host rules or a dotted quad, a decimal
// port, and a path/query/fragment from url_syntax::append_tail(), which leaves only allowed bytes
// and valid escapes — so the general path's Boost.URL re-parse is skipped here; debug builds still
// run it, and tests/unit/indicators/url_plain_test.cpp compares both paths on many inputs.
#include <cassert>

#include <boost/url/parse.hpp>

#include "lib/indicators/address.hpp"
#include "lib/indicators/host.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"
#include "lib/indicators/url_internal.hpp"
#include "lib/indicators/url_syntax.hpp"

namespace tcfeed::indicators {
namespace {

// "<scheme>://" at the start of `value`, any case, for the supported schemes.
const url_syntax::Scheme* plain_scheme(std::string_view value) {
  const std::size_t separator = value.find("://");
  // No supported scheme is longer than five letters: don't search a long path for "://".
  if (separator == std::string_view::npos || separator > 5) return nullptr;
  return url_syntax::find_scheme(value.substr(0, separator));
}

constexpr bool is_plain_host_byte(char c) {
  return text::is_alpha(c) || text::is_digit(c) || c == '.' || c == '-' || c == '_';
}

}  // namespace

bool normalize_plain_url(std::string_view value, std::string& out) {
  out.clear();
  const url_syntax::Scheme* scheme = plain_scheme(value);
  if (scheme == nullptr) return false;
  const std::string_view rest = value.substr(scheme->name.size() + 3);
  // Every refang pattern would start after the scheme ("hxxp" is no supported scheme), and the
  // general path refangs before it splits, so one look at the rest settles it.
  if (needs_refang(rest)) return false;

  std::size_t authority_end = 0;
  std::size_t colon = std::string_view::npos;
  for (; authority_end < rest.size(); ++authority_end) {
    const char c = rest[authority_end];
    if (c == '/' || c == '?' || c == '#') break;
    if (c == ':' && colon == std::string_view::npos) {
      colon = authority_end;
    } else if (!is_plain_host_byte(c)) {
      return false;  // userinfo, %-escapes, IPv6, non-ASCII, a second ':', spaces: the general path
    }
  }
  const std::string_view host = rest.substr(0, std::min(colon, authority_end));
  if (host.empty()) return false;

  out.append(scheme->name);
  out.append("://");
  IpAddress ip;
  if (parse_ipv4(host, ip) == Reject::None) {
    append_ip_address(ip, out);
  } else if (append_host_name(host, out) != Reject::None) {
    return false;
  }
  if (colon != std::string_view::npos) {
    const std::string_view port = rest.substr(colon + 1, authority_end - colon - 1);
    if (url_syntax::append_port(port, scheme->default_port, out) != Reject::None) return false;
  }
  url_syntax::append_tail(rest.substr(authority_end), out);
  assert(boost::urls::parse_uri(out).has_value());
  return true;
}

}  // namespace tcfeed::indicators
