#include "lib/indicators/host.hpp"

#include <idn2.h>

#include <algorithm>
#include <cstdlib>

#include "lib/indicators/address.hpp"
#include "lib/indicators/idna_fast.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// A 253-character name of 4-byte UTF-8 characters plus some ignorable code points still fits;
// anything longer cannot produce a valid host and is not worth handing to libidn2.
constexpr std::size_t kMaxRawHost = 1024;

// Underscore is allowed although RFC 952/1123 host names exclude it: DNS itself accepts any octet,
// real names carry it (_dmarc, SRV-style records, dynamic-DNS subdomains such as "my_pc.duckdns.org"),
// and malware infrastructure uses it. Refusing it would drop genuine indicators, and the platform
// accepts such hosts.
constexpr bool is_host_char(char c) { return (c >= 'a' && c <= 'z') || text::is_digit(c) || c == '-' || c == '_'; }

// UTS #46 maps these to U+002E FULL STOP; libidn2 does too, but only when it sees the whole name,
// and we hand it one label at a time.
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
// get their own reason so the count shows someone is trying it. libidn2 would also refuse them,
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

Reject map_idn2_error(int rc, bool ascii_label) {
  if (ascii_label) return Reject::HostInvalidPunycode;  // only xn-- labels reach libidn2
  switch (rc) {
    case IDN2_PUNYCODE_BAD_INPUT:
    case IDN2_PUNYCODE_OVERFLOW: return Reject::HostInvalidPunycode;
    case IDN2_PUNYCODE_BIG_OUTPUT:  // the A-label would exceed 63 bytes
    case IDN2_TOO_BIG_LABEL: return Reject::HostLabelTooLong;
    case IDN2_ENCODING_ERROR: return Reject::InvalidUtf8;
    case IDN2_TOO_BIG_DOMAIN: return Reject::HostTooLong;
    default: return Reject::HostIdnaError;
  }
}

// ToASCII of one label through libidn2, appended to `out`. The label holds no '.', no ASCII
// control and no NUL (checked by the caller), so the C string libidn2 sees is the whole label.
Reject append_idna_label(std::string_view label, bool ascii_label, std::string& out) {
  thread_local std::string c_label;
  c_label.assign(label);
  char* ascii = nullptr;
  const int rc = idn2_to_ascii_8z(c_label.c_str(), &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK) {
    idn2_free(ascii);
    return map_idn2_error(rc, ascii_label);
  }
  std::string_view result(ascii);
  // libidn2 lower-cases A-labels already; ASCII that came out of a mapping (fullwidth letters)
  // is lower-cased here so the final check sees one form.
  for (char c : result) out.push_back(text::to_lower(c));
  idn2_free(ascii);
  return Reject::None;
}

// Checks the assembled ASCII name; every path ends here, so whatever libidn2 produced (mappings
// can yield '/', ' ' or even new dots) is held to the same rules as the fast path.
Reject check_ascii_host(std::string_view host) {
  if (host.empty()) return Reject::Empty;
  IpAddress ip;
  if (parse_ipv4(host, ip) == Reject::None) return Reject::HostIsAddress;
  if (host.size() > kMaxHostLength) return Reject::HostTooLong;
  std::size_t labels = 0;
  std::size_t start = 0;
  bool last_all_digits = false;
  while (start <= host.size()) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    const auto label = host.substr(start, dot - start);
    if (label.empty()) return Reject::HostEmptyLabel;
    if (label.size() > kMaxLabelLength) return Reject::HostLabelTooLong;
    last_all_digits = true;
    for (char c : label) {
      if (!is_host_char(c)) {
        return text::is_ascii_control(c) ? Reject::ControlCharacter : Reject::HostInvalidCharacter;
      }
      last_all_digits = last_all_digits && text::is_digit(c);
    }
    if (label.front() == '-' || label.back() == '-') return Reject::HostHyphen;
    ++labels;
    start = dot + 1;
  }
  if (labels < 2) return Reject::HostSingleLabel;
  // "999.1.1.1" or "1.2.3": WHATWG URL parsers treat a numeric last label as an IPv4 attempt,
  // and no top-level domain is numeric.
  if (last_all_digits) return Reject::HostNumericTld;
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
Reject normalize_ascii_host(std::string_view host, std::string& out) {
  host = strip_root_dot(host);
  const std::size_t origin = out.size();
  bool has_xn = false;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = text::to_lower(host[i]);
    out.push_back(c);
    // "xn--" at a label start; cheap enough to spot while copying.
    if (c == '-' && i >= 3 && host[i - 1] == '-' && (i == 3 || host[i - 4] == '.') &&
        text::to_lower(host[i - 2]) == 'n' && text::to_lower(host[i - 3]) == 'x') {
      has_xn = true;
    }
  }
  if (!has_xn) return check_ascii_host(std::string_view(out).substr(origin));

  // Rare: re-check the A-labels through libidn2 (decode + UTS #46 validity). The other labels are
  // copied as they are, so "r3---sn-abc.googlevideo.com"-style names in the same host survive.
  thread_local std::string lowered;
  lowered.assign(out, origin);
  out.resize(origin);
  std::size_t start = 0;
  while (start <= lowered.size()) {
    const std::size_t dot = std::min(lowered.find('.', start), lowered.size());
    const std::string_view label(lowered.data() + start, dot - start);
    if (start != 0) out.push_back('.');
    if (label.starts_with("xn--")) {
      if (label.size() > kMaxLabelLength) return Reject::HostLabelTooLong;
      const Reject reason = append_idna_label(label, true, out);
      if (reason != Reject::None) return reason;
    } else {
      out.append(label);
    }
    start = dot + 1;
  }
  return check_ascii_host(std::string_view(out).substr(origin));
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
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const auto label = name.substr(start, dot - start);
    if (start != 0) out.push_back('.');
    if (label.empty()) return Reject::HostEmptyLabel;
    if (text::is_all_ascii(label) && !text::istarts_with(label, "xn--")) {
      for (char c : label) out.push_back(text::to_lower(c));
    } else if (append_fast_a_label(label, out)) {
      // the common IDN label, without libidn2 (idna_fast.hpp)
    } else {
      const Reject reason = append_idna_label(label, text::is_all_ascii(label), out);
      if (reason != Reject::None) return reason;
    }
    start = dot + 1;
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

  // One pass over the bytes: ASCII must already be host characters (or a dot); anything else in
  // ASCII is refused here so libidn2 (which is lenient about ASCII outside STD3) never sees it.
  bool ascii = true;
  for (char c : host) {
    if (text::is_non_ascii(c)) {
      ascii = false;
    } else if (c != '.' && !is_host_char(text::to_lower(c))) {
      if (c == ':' && looks_like_ipv6_literal(host)) return Reject::HostIsAddress;
      if (c == '[' && looks_like_ipv6_literal(host)) return Reject::HostIsAddress;
      return text::is_ascii_control(c) ? Reject::ControlCharacter : Reject::HostInvalidCharacter;
    }
  }
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
