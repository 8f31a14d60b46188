#pragma once
// Tags as the platform takes them (docs/threatconnect.md, Tags and security labels): bare words,
// trimmed, at most 128 bytes, never the feed's or vendor's own name — the owner already says where
// an indicator came from.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// The platform's tag name limit (docs/threatconnect.md). Counted in bytes: stricter than the
// documented characters, and a byte budget is what a batch upload actually pays for.
inline constexpr std::size_t kMaxTagLength = 128;

// Cleans one tag: trims, collapses internal whitespace runs (incl. tabs/newlines) to one space,
// rejects control chars and invalid UTF-8 (returns empty), and truncates to at most 128 BYTES on a
// UTF-8 character boundary. Empty → dropped.
std::string clean_tag(std::string_view raw);

// clean_tag() into a reused buffer (cleared first): `out` is empty when the tag is dropped. When
// `loss` is given it says what cleaning took that the feed meant as content, so the pipeline can
// count it: ControlCharacter or InvalidUtf8 (the tag dropped), TooLong (cut to kMaxTagLength),
// else None (trimming and collapsing whitespace lose nothing).
void clean_tag_into(std::string_view raw, std::string& out, Reject* loss = nullptr);

// clean_tag() without a copy when it can: `raw` trimmed when that is already the clean tag (the
// usual case), else the cleaned text in `scratch`. The result views one of the two.
std::string_view clean_tag(std::string_view raw, std::string& scratch, Reject* loss = nullptr);

// Whether a clean `tag` is one of `stripped_names` (compared trimmed, case-insensitive ASCII).
bool is_stripped_name(std::string_view tag, std::span<const std::string> stripped_names);

// Adds `raw` to `tags` if, once cleaned, it is non-empty, not already present (case-insensitive
// ASCII compare), and not one of `stripped_names` (the feed's or vendor's own name,
// case-insensitive: e.g. "abuse.ch", "URLhaus"). Returns whether added.
bool add_tag(std::vector<std::string>& tags, std::string_view raw, std::span<const std::string> stripped_names);

// The longest prefix of `s` (valid UTF-8) that fits in `max_bytes` without splitting a character.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace tcfeed::indicators
