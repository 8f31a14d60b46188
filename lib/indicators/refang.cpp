#include "lib/indicators/refang.hpp"

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// Length of the defang pattern at s[i] and the text it stands for; 0 when none starts there.
std::size_t match_at(std::string_view s, std::size_t i, std::string_view& replacement) {
  const char c = s[i];
  if ((c == '[' || c == '(') && i + 2 < s.size()) {
    const char mid = s[i + 1];
    const char close = s[i + 2];
    if (c == '[' && close == ']' && (mid == '.' || mid == ':' || mid == '@')) {
      replacement = s.substr(i + 1, 1);
      return 3;
    }
    if (c == '(' && close == ')' && mid == '.') {
      replacement = ".";
      return 3;
    }
  }
  if ((c == 'h' || c == 'H') && text::istarts_with(s.substr(i), "hxxp")) {
    const auto rest = s.substr(i + 4);
    if (rest.starts_with("://")) {
      replacement = "http://";
      return 7;
    }
    if (text::istarts_with(rest, "s://")) {
      replacement = "https://";
      return 8;
    }
  }
  return 0;
}

void refang_once(std::string_view in, std::string& out) {
  out.clear();
  std::string_view replacement;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t consumed = match_at(in, i, replacement);
    if (consumed == 0) {
      out.push_back(in[i]);
      ++i;
    } else {
      out.append(replacement);
      i += consumed;
    }
  }
}

}  // namespace

Reject trim_and_refang(std::string_view raw, std::size_t max_raw, std::string& scratch, std::string_view& value) {
  if (raw.size() > max_raw) return Reject::TooLong;
  value = text::trim(raw);
  if (value.empty()) return Reject::Empty;
  if (needs_refang(value)) {
    refang(value, scratch);
    value = scratch;
  }
  return Reject::None;
}

bool needs_refang(std::string_view in) {
  // Every pattern starts with '[', '(' or an 'h' before an 'x' (any case); only there is a closer
  // look worth it. This runs on every URL, Host and Address value, so where SSE2 is there the
  // candidates are found sixteen at a time, the last block overlapping the one before.
  std::string_view replacement;
  std::size_t i = 0;
#if defined(__SSE2__)
  if (in.size() >= 17) {
    const __m128i bracket = _mm_set1_epi8('[');
    const __m128i paren = _mm_set1_epi8('(');
    const __m128i lower_h = _mm_set1_epi8('h');
    const __m128i lower_x = _mm_set1_epi8('x');
    const __m128i case_bit = _mm_set1_epi8(0x20);  // only 'H'/'h' ('X'/'x') give 'h' ('x') with it set
    const auto candidates = [&](std::size_t at) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + at));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + at + 1));
      const __m128i hx = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(bytes, case_bit), lower_h),
                                       _mm_cmpeq_epi8(_mm_or_si128(next, case_bit), lower_x));
      const __m128i starts =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, bracket), _mm_cmpeq_epi8(bytes, paren)), hx);
      return static_cast<unsigned>(_mm_movemask_epi8(starts));
    };
    const auto any_match = [&](std::size_t at, unsigned mask) {
      for (; mask != 0; mask &= mask - 1) {
        if (match_at(in, at + static_cast<std::size_t>(std::countr_zero(mask)), replacement) != 0) return true;
      }
      return false;
    };
    for (; i + 17 <= in.size(); i += 16) {
      if (any_match(i, candidates(i))) return true;
    }
    // The last block ends one byte before the end (its look-ahead reaches the end); a pattern
    // cannot start in the last byte. Positions already looked at are masked out.
    const std::size_t last = in.size() - 17;
    if (i < in.size() - 1 && any_match(last, candidates(last) & ~((1u << (i - last)) - 1u))) return true;
    return false;
  }
#endif
  for (; i < in.size(); ++i) {
    const char c = in[i];
    if ((c == '[' || c == '(' || c == 'h' || c == 'H') && match_at(in, i, replacement) != 0) return true;
  }
  return false;
}

void refang(std::string_view in, std::string& out) {
  refang_once(in, out);
  // One pass can expose a new pattern ("[[.].]" -> "[.]"); repeat until stable so that
  // normalize(normalize(x)) == normalize(x). Terminates: every replacement shortens the text or
  // removes two 'x's and never adds one.
  if (!needs_refang(out)) return;
  thread_local std::string scratch;
  do {
    refang_once(out, scratch);
    out.swap(scratch);
  } while (needs_refang(out));
}

}  // namespace tcfeed::indicators
