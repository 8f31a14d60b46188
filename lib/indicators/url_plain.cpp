// The plain-URL fast path (url_internal.hpp). Everything it writes is an RFC 3986 URI by
// construction — a known scheme, a host that passed the Host rules (so only [a-z0-9_.-], IDN
// hosts included) or a dotted quad, a decimal port, and a path/query/fragment from
// url_syntax::append_tail(), which leaves only allowed bytes and valid escapes — so the general
// path's Boost.URL re-parse is skipped here; debug builds still run it, and
// tests/unit/indicators/url_plain_test.cpp compares both paths on many inputs.
#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>

#include <boost/url/parse.hpp>

#include "lib/indicators/address.hpp"
#include "lib/indicators/host.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"
#include "lib/indicators/url_internal.hpp"
#include "lib/indicators/url_syntax.hpp"

namespace tcfeed::indicators {
namespace {

// "<scheme>://" at the start of `value`, any case, for the supported schemes. The general path
// looks for the first "://"; no scheme name contains one, so a prefix match is the same thing.
const url_syntax::Scheme* plain_scheme(std::string_view value) {
  for (const auto& scheme : url_syntax::kSchemes) {
    const std::size_t n = scheme.name.size();
    if (value.size() > n + 3 && value[n] == ':' && value[n + 1] == '/' && value[n + 2] == '/' &&
        text::iequals(value.substr(0, n), scheme.name)) {
      return &scheme;
    }
  }
  return nullptr;
}

// What a byte is to the authority scan: most bytes of a feed URL's authority are plain host
// bytes, so the scan is one table look-up a byte.
enum class AuthorityByte : std::uint8_t { Host, NonAscii, Colon, End, Other };
constexpr std::array<AuthorityByte, 256> kAuthorityBytes = [] {
  std::array<AuthorityByte, 256> table{};
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    table[static_cast<std::size_t>(b)] = text::is_alpha(c) || text::is_digit(c) || c == '.' || c == '-' || c == '_'
                                             ? AuthorityByte::Host
                                         : text::is_non_ascii(c)            ? AuthorityByte::NonAscii
                                         : c == ':'                         ? AuthorityByte::Colon
                                         : c == '/' || c == '?' || c == '#' ? AuthorityByte::End
                                                                            : AuthorityByte::Other;
  }
  return table;
}();

// The Host rules (host.hpp) in one pass, for a name of plain host bytes only: one root dot
// dropped, lower-cased straight into `out` (domain to ASCII of an all-ASCII name, xn-- labels
// included), labels of 1-63 bytes, at most 253 bytes, two labels or more, a last label that is not
// numeric (digits, or "0x" and hex digits; this also rules out a dotted quad). Returns false, with
// `out` as it was, for anything else, and the caller goes the long way.
bool append_plain_host_name(std::string_view host, std::string& out) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > kMaxHostLength) return false;
  const std::size_t origin = out.size();
  out.append(host);
  char* name = out.data() + origin;
  std::size_t label_start = 0;
  std::size_t labels = 1;
  std::size_t last_non_digit = std::string_view::npos;
  bool ok = true;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = text::to_lower(host[i]);
    name[i] = c;
    if (!text::is_digit(c)) last_non_digit = i;
    if (c == '.') {
      ok = ok && i > label_start && i - label_start <= kMaxLabelLength;
      label_start = i + 1;
      ++labels;
    }
  }
  const std::string_view last(name + label_start, host.size() - label_start);
  const bool hex_number =
      last.size() >= 2 && last[0] == '0' && last[1] == 'x' && std::all_of(last.begin() + 2, last.end(), text::is_hex);
  ok = ok && !last.empty() && last.size() <= kMaxLabelLength && labels >= 2 &&
       last_non_digit != std::string_view::npos && last_non_digit >= label_start && !hex_number;
  if (!ok) out.resize(origin);
  return ok;
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
  bool non_ascii = false;  // an IDN host: the Host rules' Unicode path
  for (;; ++authority_end) {
    while (authority_end < rest.size() &&
           kAuthorityBytes[static_cast<unsigned char>(rest[authority_end])] == AuthorityByte::Host) {
      ++authority_end;
    }
    if (authority_end == rest.size()) break;
    const AuthorityByte kind = kAuthorityBytes[static_cast<unsigned char>(rest[authority_end])];
    if (kind == AuthorityByte::End) break;
    if (kind == AuthorityByte::NonAscii && colon == std::string_view::npos) {
      non_ascii = true;
      continue;
    }
    // userinfo, %-escapes, IPv6, a second ':', spaces, non-ASCII in a port: the general path
    if (kind != AuthorityByte::Colon || colon != std::string_view::npos) return false;
    colon = authority_end;
  }
  const std::string_view host = rest.substr(0, std::min(colon, authority_end));
  if (host.empty()) return false;

  out.append(scheme->name);
  out.append("://");
  IpAddress ip;
  if (!non_ascii && append_plain_host_name(host, out)) {
    // the usual case: a name, settled without the general host code
  } else if (!non_ascii && parse_ipv4(host, ip) == Reject::None) {
    append_ip_address(ip, out);
  } else if (append_host_name(host, out) != Reject::None) {
    return false;  // whatever append_host_name() appends passes the ASCII host check: a reg-name
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
