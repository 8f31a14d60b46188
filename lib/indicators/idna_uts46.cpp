#include "lib/indicators/idna_uts46.hpp"

#include <unicode/uidna.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

// UseSTD3ASCIIRules=false is UIDNA_USE_STD3_RULES left out; CheckJoiners is CONTEXTJ (CONTEXTO is
// IDNA2008's, not part of UTS #46, and stays off).
constexpr std::uint32_t kUts46Options =
    UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ;

// ICU always checks these; the URL Standard asks for CheckHyphens=false (leading, trailing and
// third-and-fourth-position hyphens) and VerifyDnsLength=false (empty labels, labels over 63 bytes,
// names over 253). tcfeed's own label and length rules apply to the result (docs/hosts.md).
constexpr std::uint32_t kIgnoredErrors = UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN |
                                         UIDNA_ERROR_HYPHEN_3_4 | UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                                         UIDNA_ERROR_DOMAIN_NAME_TOO_LONG;

// Opened once and shared by every thread: a UIDNA does not change after it is opened and ICU's
// conversions only read it. Opening fails only when ICU itself is broken (no data, no memory), and
// no host could be judged then.
class Uts46 {
 public:
  Uts46() {
    UErrorCode status = U_ZERO_ERROR;
    idna_ = uidna_openUTS46(kUts46Options, &status);
    if (U_FAILURE(status)) {
      std::fprintf(stderr, "tcfeed: ICU's UTS #46 implementation is unavailable: %s\n", u_errorName(status));
      std::abort();
    }
  }
  ~Uts46() { uidna_close(idna_); }
  Uts46(const Uts46&) = delete;
  Uts46& operator=(const Uts46&) = delete;
  const UIDNA* get() const { return idna_; }

 private:
  UIDNA* idna_ = nullptr;
};

const UIDNA* uts46() {
  static const Uts46 instance;
  return instance.get();
}

using IcuConversion = std::int32_t (*)(const UIDNA*, const char*, std::int32_t, char*, std::int32_t, UIDNAInfo*,
                                       UErrorCode*);

// Runs one of ICU's UTF-8 conversions into `buffer` (its capacity kept between calls, so a warm
// thread does not allocate here) and returns ICU's error bits.
std::uint32_t run_icu_conversion(IcuConversion convert, std::string_view in, std::string& buffer) {
  buffer.resize(buffer.capacity() < 256 ? 256 : buffer.capacity());
  for (;;) {
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    const std::int32_t length = convert(uts46(), in.data(), static_cast<std::int32_t>(in.size()), buffer.data(),
                                        static_cast<std::int32_t>(buffer.size()), &info, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      buffer.resize(static_cast<std::size_t>(length));
      continue;
    }
    if (U_FAILURE(status)) {
      buffer.clear();
      return UIDNA_ERROR_DISALLOWED;  // not an answer about the name: refuse it as invalid
    }
    buffer.resize(static_cast<std::size_t>(length));
    return info.errors;
  }
}

// UTS #46 maps U+1E9E LATIN CAPITAL LETTER SHARP S to U+00DF ß since Unicode 15.1 (before, to
// "ss", which names a different domain); ICU 72 has Unicode 15.0's table. Browsers follow the
// newer one, so the capital is mapped here first. A newer ICU gives the same answer either way.
std::string_view map_capital_sharp_s(std::string_view domain, std::string& scratch) {
  constexpr std::string_view kCapital = "\xE1\xBA\x9E";
  constexpr std::string_view kSmall = "\xC3\x9F";
  std::size_t at = domain.find(kCapital);
  if (at == std::string_view::npos) return domain;
  scratch.clear();
  std::size_t from = 0;
  for (; at != std::string_view::npos; at = domain.find(kCapital, from)) {
    scratch.append(domain.substr(from, at - from));
    scratch.append(kSmall);
    from = at + kCapital.size();
  }
  scratch.append(domain.substr(from));
  return scratch;
}

// UTS #46 since Unicode 15.1, with CheckHyphens=false: a label must not begin with "xn--" once
// decoded, so a doubly encoded A-label fails. ICU 72 reports such a label only as HYPHEN_3_4,
// which is ignored above, so when that bit is set the decoded labels are looked at.
bool has_decoded_xn_label(std::string_view domain) {
  thread_local std::string unicode;
  run_icu_conversion(uidna_nameToUnicodeUTF8, domain, unicode);
  std::size_t start = 0;
  while (start <= unicode.size()) {
    const std::size_t dot = std::min(unicode.find('.', start), unicode.size());
    if (text::istarts_with(std::string_view(unicode).substr(start, dot - start), "xn--")) return true;
    start = dot + 1;
  }
  return false;
}

}  // namespace

Reject append_uts46_to_ascii(std::string_view domain, std::string& out) {
  thread_local std::string premapped;
  thread_local std::string ascii;
  domain = map_capital_sharp_s(domain, premapped);
  const std::uint32_t errors = run_icu_conversion(uidna_nameToASCII_UTF8, domain, ascii);
  if ((errors & ~kIgnoredErrors) != 0) {
    return (errors & (UIDNA_ERROR_PUNYCODE | UIDNA_ERROR_INVALID_ACE_LABEL)) != 0 ? Reject::HostInvalidPunycode
                                                                                  : Reject::HostIdnaError;
  }
  if ((errors & UIDNA_ERROR_HYPHEN_3_4) != 0 && has_decoded_xn_label(domain)) return Reject::HostInvalidPunycode;
  // UTS #46 lower-cases already; this keeps the result in one form whatever ICU passes through.
  for (char c : ascii) out.push_back(text::to_lower(c));
  return Reject::None;
}

}  // namespace tcfeed::indicators
