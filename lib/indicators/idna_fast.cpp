#include "lib/indicators/idna_fast.hpp"

#include <array>
#include <cstddef>

#include "lib/indicators/host.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// A label longer than this cannot give an A-label of at most 63 bytes: left to UTS #46, whose
// result fails the Host rules' label length.
constexpr std::size_t kMaxCodePoints = 64;

struct Range {
  std::uint32_t first;
  std::uint32_t last;
};

// Lower-case or caseless letters only: upper-case ones are mapped by UTS #46 (except ASCII, which
// is handled apart), and marks, punctuation, symbols and joiners (U+00B7, U+0375, U+30FB, ZWJ, ...)
// are left to ICU. The CJK and Hangul ranges stop where Unicode 1.1 and 2.0 did, so they are
// assigned in whatever Unicode version ICU was built with.
constexpr std::array<Range, 8> kFastRanges = {{
    {0x00DF, 0x00F6},  // ß à..ö (ß is kept: non-transitional processing)
    {0x00F8, 0x00FF},  // ø..ÿ
    {0x03AC, 0x03CE},  // ά έ ή ί ΰ α..ω ϊ ϋ ό ύ ώ (ς kept: non-transitional)
    {0x0430, 0x045F},  // а..я ѐ..џ
    {0x3041, 0x3096},  // Hiragana letters
    {0x30A1, 0x30FA},  // Katakana letters
    {0x4E00, 0x9FA5},  // CJK Unified Ideographs (Unicode 1.1)
    {0xAC00, 0xD7A3},  // Hangul syllables
}};

// RFC 3492 §5 parameters.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 0x80;

constexpr char digit(std::uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

// RFC 3492 §6.1.
std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

// RFC 3492 §6.3 over at most kMaxCodePoints code points below U+D7A4: delta stays far from
// overflowing 32 bits.
void append_punycode(const std::uint32_t* cps, std::size_t count, std::string& out) {
  std::size_t basic = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (cps[i] < 0x80) {
      out.push_back(static_cast<char>(cps[i]));
      ++basic;
    }
  }
  if (basic > 0) out.push_back('-');
  std::uint32_t n = kInitialN;
  std::uint32_t delta = 0;
  std::uint32_t bias = kInitialBias;
  for (std::size_t handled = basic; handled < count;) {
    std::uint32_t m = 0xFFFFFFFF;
    for (std::size_t i = 0; i < count; ++i) {
      if (cps[i] >= n && cps[i] < m) m = cps[i];
    }
    delta += (m - n) * static_cast<std::uint32_t>(handled + 1);
    n = m;
    for (std::size_t i = 0; i < count; ++i) {
      if (cps[i] < n) ++delta;
      if (cps[i] != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        out.push_back(digit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out.push_back(digit(q));
      bias = adapt(delta, static_cast<std::uint32_t>(handled + 1), handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
}

}  // namespace

std::uint32_t fast_idna_map(std::uint32_t cp) {
  for (const Range& range : kFastRanges) {
    if (cp >= range.first && cp <= range.last) return cp;
  }
  // The upper-case letters of the same blocks, which UTS #46 maps to the lower-case ones above.
  if ((cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) || (cp >= 0x0391 && cp <= 0x03AB && cp != 0x03A2) ||
      (cp >= 0x0410 && cp <= 0x042F)) {
    return cp + 0x20;
  }
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
  // U+1E9E LATIN CAPITAL LETTER SHARP S: ß since UTS #46 for Unicode 15.1 (idna_uts46.cpp).
  if (cp == 0x1E9E) return 0x00DF;
  // Greek capitals with tonos: Ά Έ Ή Ί Ό Ύ Ώ.
  switch (cp) {
    case 0x0386: return 0x03AC;
    case 0x0388: return 0x03AD;
    case 0x0389: return 0x03AE;
    case 0x038A: return 0x03AF;
    case 0x038C: return 0x03CC;
    case 0x038E: return 0x03CD;
    case 0x038F: return 0x03CE;
    default: return 0;
  }
}

bool append_fast_a_label(std::string_view label, std::string& out) {
  std::array<std::uint32_t, kMaxCodePoints> cps{};
  std::size_t count = 0;
  bool non_ascii = false;
  for (std::size_t i = 0; i < label.size();) {
    if (count == cps.size()) return false;
    const auto lead = static_cast<unsigned char>(label[i]);
    std::uint32_t cp = 0;
    if (lead < 0x80) {
      const char c = text::to_lower(static_cast<char>(lead));
      if (!text::is_digit(c) && !(c >= 'a' && c <= 'z') && c != '-') return false;
      cp = static_cast<unsigned char>(c);
      ++i;
    } else {
      // Valid UTF-8 is the caller's promise; anything odd is simply not ours to decide.
      const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
      if (length == 0 || i + length > label.size()) return false;
      cp = lead & (0x7Fu >> length);
      for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(label[i + k]) & 0x3Fu);
      cp = fast_idna_map(cp);
      if (cp == 0) return false;
      non_ascii = true;
      i += length;
    }
    cps[count++] = cp;
  }
  // CheckHyphens=false: hyphens may lead, trail or stand third and fourth. A label that begins
  // with "xn--" is an A-label to UTS #46, which must decode it (and fails here: it has non-ASCII).
  if (!non_ascii || (count >= 4 && cps[0] == 'x' && cps[1] == 'n' && cps[2] == '-' && cps[3] == '-')) return false;
  const std::size_t origin = out.size();
  out.append("xn--");
  append_punycode(cps.data(), count, out);
  if (out.size() - origin > kMaxLabelLength) {
    out.resize(origin);  // UTS #46's answer then fails the label length rule
    return false;
  }
  return true;
}

}  // namespace tcfeed::indicators
