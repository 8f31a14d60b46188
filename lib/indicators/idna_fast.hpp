#pragma once
// ToASCII of the common IDN label without ICU, which costs a microsecond and several mallocs a
// call (UTF-16 conversion, normalization, table look-ups). Only labels whose answer is plain
// are taken: ASCII letters, digits and inner hyphens plus code points from a short list of
// scripts (Latin-1 letters, Greek, Cyrillic, Hiragana, Katakana, CJK, Hangul syllables) that UTS
// #46 leaves unmapped or maps to a lower-case letter, that IDNA2008 calls PVALID, that are
// left-to-right and cannot compose under NFC. For those, ToASCII is lower-casing plus "xn--" and
// RFC 3492 Punycode. Everything else goes
// to ICU (idna_uts46.hpp); tests/unit/indicators/idna_fast_test.cpp holds each listed code point and
// many random labels to ICU's answer.
#include <cstdint>
#include <string>
#include <string_view>

namespace tcfeed::indicators {

// `cp` as UTS #46 maps it when it is on the list above (itself, or the lower-case letter for an
// upper-case Latin-1, Greek or Cyrillic one), or 0 when it is not.
std::uint32_t fast_idna_map(std::uint32_t cp);

// `label` is valid UTF-8 with no dot. Appends its A-label ("xn--...") to `out` and returns true
// when the label is in the fast path's domain and has non-ASCII; otherwise returns false and
// leaves `out` as it was.
bool append_fast_a_label(std::string_view label, std::string& out);

}  // namespace tcfeed::indicators
