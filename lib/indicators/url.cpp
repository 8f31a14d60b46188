#include "lib/indicators/url.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "lib/indicators/address.hpp"
#include "lib/indicators/host.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"
#include "lib/indicators/url_internal.hpp"
#include "lib/indicators/url_syntax.hpp"

namespace tcfeed::indicators {
namespace {

using url_syntax::Part;

// RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool is_scheme_syntax(std::string_view s) {
  if (s.empty() || !text::is_alpha(s.front())) return false;
  for (char c : s) {
    if (!text::is_alpha(c) && !text::is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Decodes %xx in a reg-name host ("ex%61mple.com", or a pre-encoded IDN). false on a bad escape.
bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !text::is_hex(in[i + 1]) || !text::is_hex(in[i + 2])) return false;
    out.push_back(static_cast<char>(text::hex_value(in[i + 1]) * 16 + text::hex_value(in[i + 2])));
    i += 2;
  }
  return true;
}

Reject append_host(std::string_view host, std::string& out) {
  if (host.empty()) return Reject::UrlMissingHost;
  IpAddress ip;
  if (host.front() == '[') {
    if (host.back() != ']') return Reject::UrlInvalid;
    // IPvFuture ("[v1.x]") and a bracketed IPv4 are not real-world hosts.
    if (parse_ip_address(host.substr(1, host.size() - 2), ip) != Reject::None || !ip.is_v6) {
      return Reject::InvalidAddress;
    }
    out.push_back('[');
    append_ip_address(ip, out);
    out.push_back(']');
    return Reject::None;
  }
  thread_local std::string decoded;
  if (host.find('%') != std::string_view::npos) {
    if (!percent_decode(host, decoded)) return Reject::UrlInvalid;
    host = decoded;
  }
  if (parse_ipv4(host, ip) == Reject::None) {
    append_ip_address(ip, out);
    return Reject::None;
  }
  thread_local std::string ascii_host;
  const Reject reason = normalize_host_name(host, ascii_host);
  if (reason != Reject::None) return reason;
  out.append(ascii_host);
  return Reject::None;
}

// Splits, encodes and reassembles `raw` into `out`, without the length limit on the result.
Reject assemble_url(std::string_view raw, std::string& out);

}  // namespace

Reject normalize_url(std::string_view raw, std::string& out) {
  // Most feed URLs are plain (url_plain.cpp); the general path below is the definition, and
  // tests/unit/indicators/url_plain_test.cpp holds the fast path to it.
  if (raw.size() <= kMaxUrlLength && normalize_plain_url(text::trim(raw), out) && out.size() <= kMaxUrlLength) {
    return Reject::None;
  }
  return normalize_url_general(raw, out);
}

Reject normalize_url_general(std::string_view raw, std::string& out) {
  const Reject reason = assemble_url(raw, out);
  // Percent-encoding can triple a value: the limit holds for what is sent too, so that the value
  // sent normalizes to itself (found by normalize_fuzz).
  if (reason == Reject::None && out.size() > kMaxUrlLength) {
    out.clear();
    return Reject::TooLong;
  }
  return reason;
}

namespace {

Reject assemble_url(std::string_view raw, std::string& out) {
  out.clear();
  thread_local std::string refanged;
  std::string_view value;
  if (const Reject reason = trim_and_refang(raw, kMaxUrlLength, refanged, value); reason != Reject::None) {
    return reason;
  }

  // The split is done here rather than by Boost.URL because Boost.URL (correctly) refuses the raw
  // spaces, non-ASCII bytes and Unicode hosts that feeds send and that we must accept and encode.
  // Boost.URL then validates the reassembled result.
  const std::size_t scheme_end = value.find("://");
  if (scheme_end == std::string_view::npos || !is_scheme_syntax(value.substr(0, scheme_end))) {
    return Reject::UrlMissingScheme;
  }
  const url_syntax::Scheme* scheme = url_syntax::find_scheme(value.substr(0, scheme_end));
  if (scheme == nullptr) return Reject::UrlUnsupportedScheme;

  const std::string_view rest = value.substr(scheme_end + 3);
  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view tail = rest.substr(authority_end);

  // userinfo cannot contain '@' (RFC 3986 §3.2.1), so the last '@' ends it; earlier ones are the
  // user's bytes and get encoded.
  const std::size_t at = authority.rfind('@');
  const std::string_view host_port = at == std::string_view::npos ? authority : authority.substr(at + 1);
  std::string_view host = host_port;
  std::string_view port;
  bool has_port = false;
  if (!host_port.empty() && host_port.front() == '[') {
    const std::size_t close = host_port.find(']');
    if (close == std::string_view::npos) return Reject::UrlInvalid;
    host = host_port.substr(0, close + 1);
    const auto after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Reject::UrlInvalid;
      port = after.substr(1);
      has_port = true;
    }
  } else if (const std::size_t colon = host_port.rfind(':'); colon != std::string_view::npos) {
    host = host_port.substr(0, colon);
    port = host_port.substr(colon + 1);
    has_port = true;
  }

  out.append(scheme->name);
  out.append("://");
  if (at != std::string_view::npos) {
    url_syntax::append_encoded(authority.substr(0, at), Part::UserInfo, out);
    out.push_back('@');
  }
  if (const Reject reason = append_host(host, out); reason != Reject::None) return reason;
  if (has_port) {
    if (const Reject reason = url_syntax::append_port(port, scheme->default_port, out); reason != Reject::None) {
      return reason;
    }
  }

  url_syntax::append_tail(tail, out);

  // Belt and braces: whatever we built must be a URI to an RFC 3986 parser with the host we meant.
  const auto parsed = boost::urls::parse_uri(out);
  if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) {
    return Reject::UrlInvalid;
  }
  return Reject::None;
}

}  // namespace

}  // namespace tcfeed::indicators
