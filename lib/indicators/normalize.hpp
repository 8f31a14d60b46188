#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/reject.hpp"  // enum class Reject : std::uint8_t, reject_text(), reject_id()

namespace tcfeed::indicators {

// Writes the canonical value of `raw` as an indicator of `type` into `out` (cleared first;
// capacity reused — no allocation per call once warm, except ICU on the rarer non-ASCII hosts) and
// returns Reject::None, or returns the reason (out unspecified). Never throws on input, never
// crashes on any byte sequence; input longer than the type allows is Reject::TooLong before
// anything else looks at it.
//
// Refanging (hxxp:// hxxps:// [.] (.) [:] [@]) is applied inside normalize for Host, URL,
// Address, EmailAddress (and CIDR) only: in a Mutex or User Agent "[.]" may be the real value.
//
// Idempotent: for an accepted value v, normalize(type, v) == v.
Reject normalize(IndicatorType type, std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
