#include "lib/threatconnect/group_xid.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <array>

namespace tcfeed::threatconnect {
namespace {

constexpr std::string_view kPrefix = "tcfeed:";
constexpr std::string_view kHashed = "sha256:";

bool plain(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'; });
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0F];
  }
  return hex;
}

}  // namespace

std::string group_xid(std::string_view connector, std::string_view source_id) {
  const bool connector_plain = plain(connector) && connector.find(':') == std::string_view::npos;
  std::string xid(kPrefix);
  if (connector_plain) {
    xid.append(connector).append(":");
    if (plain(source_id) && xid.size() + source_id.size() <= kMaxXidLength) return xid.append(source_id);
    if (xid.size() + kHashed.size() + SHA256_DIGEST_LENGTH * 2 <= kMaxXidLength) {
      return xid.append(kHashed).append(sha256_hex(source_id));
    }
    xid.assign(kPrefix);
  }
  std::string scoped(connector);
  scoped += '\x1f';
  scoped.append(source_id);
  return xid.append(kHashed).append(sha256_hex(scoped));
}

}  // namespace tcfeed::threatconnect
