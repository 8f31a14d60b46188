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

bool needs_refang(std::string_view in) {
  // Every pattern starts with one of four bytes; only those are worth a closer look (this runs on
  // every URL, Host and Address value), found sixteen bytes at a time where SSE2 is there.
  std::string_view replacement;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i bracket = _mm_set1_epi8('[');
  const __m128i paren = _mm_set1_epi8('(');
  const __m128i lower_h = _mm_set1_epi8('h');
  const __m128i case_bit = _mm_set1_epi8(0x20);  // only 'H' and 'h' become 'h' with it set
  for (; i + 16 <= in.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + i));
    const __m128i starts = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, bracket), _mm_cmpeq_epi8(bytes, paren)),
                                        _mm_cmpeq_epi8(_mm_or_si128(bytes, case_bit), lower_h));
    for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(starts)); mask != 0; mask &= mask - 1) {
      if (match_at(in, i + static_cast<std::size_t>(std::countr_zero(mask)), replacement) != 0) return true;
    }
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
