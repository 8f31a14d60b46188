#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {

enum class HashKind { Md5, Sha1, Sha256 };

// The File indicator. One hash (MD5 / SHA1 / SHA256, told apart by length 32 / 40 / 64), or the
// platform's summary "md5 : sha1 : sha256" with any non-empty subset in that order ("md5 : sha256",
// whitespace around ':' optional). Hex is lower-cased; the summary is re-joined with " : ".
// SHA512, SSDEEP and other digests are refused: the File type has no field for them.
Reject normalize_file_hash(std::string_view raw, std::string& out);

// Classifies one bare hex digest; Reject::None and `kind` set on success.
Reject classify_hash(std::string_view hash, HashKind& kind);

// Calls `on_hash` for each digest of a File summary ("md5 : sha1 : sha256", any subset, trimmed);
// stops and returns true as soon as it does. The policy lists match a File by any of its hashes.
template <typename Predicate>
bool any_file_hash(std::string_view summary, Predicate on_hash) {
  while (!summary.empty()) {
    const auto colon = summary.find(':');
    const std::string_view hash = text::trim(summary.substr(0, colon));
    if (!hash.empty() && on_hash(hash)) return true;
    if (colon == std::string_view::npos) break;
    summary.remove_prefix(colon + 1);
  }
  return false;
}

}  // namespace tcfeed::indicators
