#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// Limits in bytes of UTF-8 after trimming. The platform documents none for these types; 500 covers
// every real mutex, user agent and subject line seen in feeds (browsers cap User-Agent well below
// that) while keeping a runaway field out of a batch. 128 for Hashtag matches the platform's tag
// length limit (docs/threatconnect.md, Tags and security labels), the closest documented relative.
inline constexpr std::size_t kMaxMutexLength = 500;
inline constexpr std::size_t kMaxUserAgentLength = 500;
inline constexpr std::size_t kMaxEmailSubjectLength = 500;
inline constexpr std::size_t kMaxHashtagLength = 128;

// Mutex, User Agent, Email Subject: case-sensitive, kept byte for byte after trimming ASCII
// whitespace; must be valid UTF-8 without control characters (C0, DEL, C1 — a tab or newline in a
// value is a parsing accident upstream, and would break the summary form). No refanging: "[.]" may
// be the real value.
Reject normalize_mutex(std::string_view raw, std::string& out);
Reject normalize_user_agent(std::string_view raw, std::string& out);
Reject normalize_email_subject(std::string_view raw, std::string& out);

// Hashtag: as above, <= 128 bytes, and no whitespace inside (a hashtag is one word). The '#' is
// kept as given, not added: the platform's examples use "#word" but nothing says it is required.
Reject normalize_hashtag(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
