#include "lib/indicators/address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// Longer than any IPv6 text form ("ffff:...:255.255.255.255" is 45); more is garbage.
constexpr std::size_t kMaxAddressText = 64;
// Before trimming and refanging; anything longer is not worth looking at.
constexpr std::size_t kMaxRawAddress = 256;

constexpr std::string_view kHexDigits = "0123456789abcdef";

void append_decimal(unsigned value, std::string& out) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out.push_back(digits[--n]);
}

void append_hex_group(unsigned group, std::string& out) {
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned nibble = (group >> shift) & 0xfu;
    if (nibble != 0 || started || shift == 0) {
      out.push_back(kHexDigits[nibble]);
      started = true;
    }
  }
}

void append_dotted_quad(const std::uint8_t* b, std::string& out) {
  for (int i = 0; i < 4; ++i) {
    if (i != 0) out.push_back('.');
    append_decimal(b[i], out);
  }
}

unsigned group_at(const IpAddress& ip, int index) {
  return (static_cast<unsigned>(ip.bytes[static_cast<std::size_t>(2 * index)]) << 8) |
         ip.bytes[static_cast<std::size_t>(2 * index + 1)];
}

bool is_ipv4_mapped(const IpAddress& ip) {
  for (int i = 0; i < 5; ++i) {
    if (group_at(ip, i) != 0) return false;
  }
  return group_at(ip, 5) == 0xffff;
}

}  // namespace

Reject parse_ipv4(std::string_view text, IpAddress& ip) {
  ip = IpAddress{};
  // Shape first (digits and exactly three dots, no empty part), then the per-octet reasons, so
  // "1.2.3" and "1.2.3.4x" are "not an address" rather than a misleading octet complaint.
  int dots = 0;
  std::size_t part_len = 0;
  for (char c : text) {
    if (c == '.') {
      if (part_len == 0) return Reject::InvalidAddress;
      ++dots;
      part_len = 0;
    } else if (text::is_digit(c)) {
      ++part_len;
    } else {
      return Reject::InvalidAddress;
    }
  }
  if (dots != 3 || part_len == 0) return Reject::InvalidAddress;

  std::size_t pos = 0;
  for (std::size_t octet = 0; octet < 4; ++octet) {
    const std::size_t end = std::min(text.find('.', pos), text.size());
    const auto part = text.substr(pos, end - pos);
    if (part.size() > 1 && part.front() == '0') return Reject::Ipv4LeadingZero;
    if (part.size() > 3) return Reject::Ipv4OctetOutOfRange;
    unsigned value = 0;
    for (char c : part) value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 255) return Reject::Ipv4OctetOutOfRange;
    ip.bytes[octet] = static_cast<std::uint8_t>(value);
    pos = end + 1;
  }
  return Reject::None;
}

Reject parse_ip_address(std::string_view text, IpAddress& ip) {
  if (text.find(':') == std::string_view::npos) return parse_ipv4(text, ip);
  ip = IpAddress{};
  if (text.size() >= kMaxAddressText) return Reject::InvalidAddress;
  // inet_pton wants a C string; an embedded NUL would silently truncate, so refuse it.
  if (text.find('\0') != std::string_view::npos) return Reject::InvalidAddress;
  char buffer[kMaxAddressText];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  if (inet_pton(AF_INET6, buffer, ip.bytes.data()) != 1) return Reject::InvalidAddress;
  ip.is_v6 = true;
  return Reject::None;
}

void append_ip_address(const IpAddress& ip, std::string& out) {
  if (!ip.is_v6) {
    append_dotted_quad(ip.bytes.data(), out);
    return;
  }
  if (is_ipv4_mapped(ip)) {
    out.append("::ffff:");
    append_dotted_quad(ip.bytes.data() + 12, out);
    return;
  }
  // RFC 5952 §4.2: compress the longest run of >= 2 zero groups, the first one on a tie.
  // (glibc's inet_ntop would also print ::a.b.c.d for IPv4-compatible forms, which 5952 does not.)
  int best_start = -1;
  int best_len = 0;
  for (int i = 0; i < 8;) {
    if (group_at(ip, i) != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && group_at(ip, j) == 0) ++j;
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) {
    best_start = -1;
    best_len = 0;
  }
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out.append("::");
      i += best_len - 1;
      continue;
    }
    if (i != 0 && i != best_start + best_len) out.push_back(':');
    append_hex_group(group_at(ip, i), out);
  }
}

void append_ip_address_uncompressed(const IpAddress& ip, std::string& out) {
  if (!ip.is_v6) {
    append_dotted_quad(ip.bytes.data(), out);
    return;
  }
  for (int i = 0; i < 8; ++i) {
    if (i != 0) out.push_back(':');
    append_hex_group(group_at(ip, i), out);
  }
}

Reject normalize_address(std::string_view raw, std::string& out) {
  out.clear();
  std::string_view value;
  // `out` doubles as the scratch buffer: it is rewritten below from `ip`, not from `value`.
  if (const Reject reason = trim_and_refang(raw, kMaxRawAddress, out, value); reason != Reject::None) return reason;
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    value = value.substr(1, value.size() - 2);
  }
  IpAddress ip;
  const Reject reason = parse_ip_address(value, ip);
  if (reason != Reject::None) return reason;
  out.clear();
  append_ip_address(ip, out);
  return Reject::None;
}

}  // namespace tcfeed::indicators
