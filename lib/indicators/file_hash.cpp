#include "lib/indicators/file_hash.hpp"

#include <algorithm>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// Three SHA256-length parts and separators fit comfortably; more is not a File summary.
constexpr std::size_t kMaxRawFile = 512;

}  // namespace

Reject classify_hash(std::string_view hash, HashKind& kind) {
  if (hash.empty()) return Reject::Empty;
  for (char c : hash) {
    if (!text::is_hex(c)) return Reject::HashInvalidHex;
  }
  switch (hash.size()) {
    case 32: kind = HashKind::Md5; return Reject::None;
    case 40: kind = HashKind::Sha1; return Reject::None;
    case 64: kind = HashKind::Sha256; return Reject::None;
    default: return Reject::HashInvalidLength;
  }
}

Reject normalize_file_hash(std::string_view raw, std::string& out) {
  out.clear();
  if (raw.size() > kMaxRawFile) return Reject::TooLong;
  const std::string_view value = text::trim(raw);
  if (value.empty()) return Reject::Empty;

  int parts = 0;
  int last_kind = -1;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t colon = std::min(value.find(':', start), value.size());
    const auto part = text::trim(value.substr(start, colon - start));
    start = colon + 1;
    // "md5 :  : sha256" (a summary with the sha1 slot left empty) is still md5 + sha256.
    if (part.empty()) continue;
    HashKind kind{};
    if (const Reject reason = classify_hash(part, kind); reason != Reject::None) return reason;
    // Order md5 < sha1 < sha256 and each at most once: the platform maps positions to fields.
    if (static_cast<int>(kind) <= last_kind) return Reject::HashInvalidOrder;
    last_kind = static_cast<int>(kind);
    if (parts++ != 0) out.append(" : ");
    for (char c : part) out.push_back(text::to_lower(c));
  }
  return parts == 0 ? Reject::Empty : Reject::None;
}

}  // namespace tcfeed::indicators
