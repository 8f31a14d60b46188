#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

enum class HashKind { Md5, Sha1, Sha256 };

// The File indicator. One hash (MD5 / SHA1 / SHA256, told apart by length 32 / 40 / 64), or the
// platform's summary "md5 : sha1 : sha256" with any non-empty subset in that order ("md5 : sha256",
// whitespace around ':' optional). Hex is lower-cased; the summary is re-joined with " : ".
// SHA512, SSDEEP and other digests are refused: the File type has no field for them.
Reject normalize_file_hash(std::string_view raw, std::string& out);

// Classifies one bare hex digest; Reject::None and `kind` set on success.
Reject classify_hash(std::string_view hash, HashKind& kind);

}  // namespace tcfeed::indicators
