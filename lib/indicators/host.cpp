#include "lib/indicators/host.hpp"

#include <algorithm>
#include <cstdlib>

#include "lib/indicators/address.hpp"
#include "lib/indicators/idna_fast.hpp"
#include "lib/indicators/idna_uts46.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// A 253-character name of 4-byte UTF-8 characters plus some ignorable code points still fits;
// anything longer cannot produce a valid host and is not worth handing to UTS #46.
constexpr std::size_t kMaxRawHost = 1024;

// Underscore is allowed although RFC 952/1123 host names exclude it: DNS itself accepts any octet,
// real names carry it (_dmarc, SRV-style records, dynamic-DNS subdomains such as "my_pc.duckdns.org"),
// and malware infrastructure uses it. Refusing it would drop genuine indicators, and the platform
// accepts such hosts.
constexpr bool is_host_char(char c) { return (c >= 'a' && c <= 'z') || text::is_digit(c) || c == '-' || c == '_'; }

// UTS #46 maps these to U+002E FULL STOP; the fast path below splits labels itself, so it must know
// them too.
//   U+3002 IDEOGRAPHIC FULL STOP      E3 80 82
//   U+FF0E FULLWIDTH FULL STOP        EF BC 8E
//   U+FF61 HALFWIDTH IDEOGRAPHIC FULL STOP  EF BD A1
std::size_t unicode_dot_at(std::string_view s, std::size_t i) {
  if (s.size() - i < 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  if ((b0 == 0xe3 && b1 == 0x80 && b2 == 0x82) || (b0 == 0xef && b1 == 0xbc && b2 == 0x8e) ||
      (b0 == 0xef && b1 == 0xbd && b2 == 0xa1)) {
    return 3;
  }
  return 0;
}

// Bidi controls can make a name display as something else (Trojan Source, CVE-2021-42574); they
// get their own reason so the count shows someone is trying it. UTS #46 would also refuse them,
// but as a generic "disallowed".
//   U+200E/U+200F          E2 80 8E / E2 80 8F
//   U+202A..U+202E         E2 80 AA..AE
//   U+2066..U+2069         E2 81 A6..A9
bool has_bidi_control(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) != 0xe2) continue;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b1 == 0x80 && (b2 == 0x8e || b2 == 0x8f || (b2 >= 0xaa && b2 <= 0xae))) return true;
    if (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9) return true;
  }
  return false;
}

// The URL Standard's "ends in a number": a last label of digits, or "0x" and hex digits, makes a
// browser parse the name as an IPv4 address (and fail when it is not one). `label` is lower-case.
bool is_numeric_label(std::string_view label) {
  if (label.size() >= 2 && label[0] == '0' && label[1] == 'x') {
    return std::all_of(label.begin() + 2, label.end(), text::is_hex);
  }
  return !label.empty() && std::all_of(label.begin(), label.end(), text::is_digit);
}

// tcfeed's own Host rules on the ASCII name that domain to ASCII produced (docs/hosts.md): every
// path ends here, so whatever UTS #46 produced (mappings can yield '/', ' ' or even new dots) is
// held to the same rules as the fast path. Hyphens anywhere are allowed (CheckHyphens=false):
// browsers connect to "-foo.example.com".
Reject check_ascii_host(std::string_view host) {
  if (host.empty()) return Reject::Empty;
  IpAddress ip;
  if (parse_ipv4(host, ip) == Reject::None) return Reject::HostIsAddress;
  if (host.size() > kMaxHostLength) return Reject::HostTooLong;
  std::size_t labels = 0;
  std::size_t start = 0;
  std::string_view label;
  while (start <= host.size()) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    label = host.substr(start, dot - start);
    if (label.empty()) return Reject::HostEmptyLabel;
    if (label.size() > kMaxLabelLength) return Reject::HostLabelTooLong;
    for (char c : label) {
      if (!is_host_char(c)) {
        return text::is_ascii_control(c) ? Reject::ControlCharacter : Reject::HostInvalidCharacter;
      }
    }
    ++labels;
    start = dot + 1;
  }
  if (labels < 2) return Reject::HostSingleLabel;
  // No top-level domain is numeric, and a browser would not look the name up ("999.1.1.1", "1.2.3").
  if (is_numeric_label(label)) return Reject::HostNumericTld;
  return Reject::None;
}

bool looks_like_ipv6_literal(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  IpAddress ip;
  return parse_ip_address(host, ip) == Reject::None;
}

// Drops one trailing dot (the DNS root); a second one is an empty label and is refused later.
std::string_view strip_root_dot(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host;
}

// Both host forms below append to `out` after whatever the caller has there (a URL's scheme), so
// `origin` marks where the host starts and only that part is checked.

// Domain to ASCII of an all-ASCII name is lower-casing, and nothing else: IDNA never fails it,
// even for an xn-- label that does not decode (whatwg/url PR 914), because browsers connect to it.
Reject normalize_ascii_host(std::string_view host, std::string& out) {
  host = strip_root_dot(host);
  const std::size_t origin = out.size();
  for (char c : host) out.push_back(text::to_lower(c));
  return check_ascii_host(std::string_view(out).substr(origin));
}

// The common IDN without ICU (idna_fast.hpp): every label ASCII (not xn--) or one the fast path
// takes. Such a name has no right-to-left label, so the Bidi rule, which looks at the whole name,
// holds. False, with `out` as it was, when any label is left to UTS #46.
bool append_fast_host(std::string_view name, std::string& out) {
  const std::size_t origin = out.size();
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const auto label = name.substr(start, dot - start);
    if (start != 0) out.push_back('.');
    if (text::is_all_ascii(label)) {
      if (text::istarts_with(label, "xn--")) break;
      for (char c : label) out.push_back(text::to_lower(c));
    } else if (!append_fast_a_label(label, out)) {
      break;
    }
    start = dot + 1;
  }
  if (start > name.size()) return true;
  out.resize(origin);
  return false;
}

Reject normalize_unicode_host(std::string_view host, std::string& out) {
  if (!text::is_valid_utf8(host)) return Reject::InvalidUtf8;
  if (has_bidi_control(host)) return Reject::HostBidiControl;

  thread_local std::string mapped;
  mapped.clear();
  for (std::size_t i = 0; i < host.size();) {
    const std::size_t dot_len = unicode_dot_at(host, i);
    if (dot_len != 0) {
      mapped.push_back('.');
      i += dot_len;
    } else {
      mapped.push_back(host[i]);
      ++i;
    }
  }
  const std::string_view name = strip_root_dot(mapped);

  const std::size_t origin = out.size();
  if (!append_fast_host(name, out)) {
    if (const Reject reason = append_uts46_to_ascii(name, out); reason != Reject::None) return reason;
  }
  return check_ascii_host(std::string_view(out).substr(origin));
}

}  // namespace

Reject normalize_host_name(std::string_view host, std::string& out) {
  out.clear();
  return append_host_name(host, out);
}

Reject append_host_name(std::string_view host, std::string& out) {
  if (host.empty()) return Reject::Empty;
  if (host.size() > kMaxRawHost) return Reject::TooLong;

  // One pass over the bytes. An all-ASCII name must already be host characters (or dots). In a
  // name with non-ASCII, other ASCII waits for UTS #46 ("<" and U+0338 compose to one letter) and
  // the check of its result; only controls and IP literals are settled here.
  bool ascii = true;
  bool other_ascii = false;  // ASCII that is neither a host character nor a dot
  for (char c : host) {
    if (text::is_non_ascii(c)) {
      ascii = false;
    } else if (c != '.' && !is_host_char(text::to_lower(c))) {
      if (text::is_ascii_control(c)) return Reject::ControlCharacter;
      if (!other_ascii && (c == ':' || c == '[') && looks_like_ipv6_literal(host)) return Reject::HostIsAddress;
      other_ascii = true;
    }
  }
  if (ascii && other_ascii) return Reject::HostInvalidCharacter;
  return ascii ? normalize_ascii_host(host, out) : normalize_unicode_host(host, out);
}

Reject normalize_host(std::string_view raw, std::string& out) {
  out.clear();
  thread_local std::string refanged;
  std::string_view value;
  if (const Reject reason = trim_and_refang(raw, kMaxRawHost, refanged, value); reason != Reject::None) return reason;
  return normalize_host_name(value, out);
}

}  // namespace tcfeed::indicators
