// libFuzzer target for lib/indicators: the first byte picks the indicator type, the rest is the
// raw value. Checks that nothing crashes (the sanitizers do the rest), that every accepted value
// is a fixed point: normalize(normalize(x)) == normalize(x), and that for a URL the fast path in
// front of the general one changes nothing (same reject, same bytes).
//
// Built as a fuzzer by the clang `fuzz` preset (scripts/test runs it briefly); the GCC build runs it over
// corpus/normalize_fuzz/ as a regression test.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/normalize.hpp"
#include "lib/indicators/url_internal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tcfeed::indicators::kAllIndicatorTypes;
  using tcfeed::indicators::normalize;
  using tcfeed::indicators::Reject;
  if (size == 0) return 0;
  const auto type = kAllIndicatorTypes[data[0] % kAllIndicatorTypes.size()];
  const std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);

  static std::string out;
  static std::string again;
  const Reject reason = normalize(type, raw, out);
  if (type == tcfeed::indicators::IndicatorType::URL) {
    static std::string general;
    const Reject general_reason = tcfeed::indicators::normalize_url_general(raw, general);
    if (general_reason != reason || (reason == Reject::None && general != out)) std::abort();
  }
  if (reason != Reject::None) return 0;
  if (normalize(type, out, again) != Reject::None || again != out) std::abort();
  return 0;
}
