// libFuzzer target for lib/indicators: the first byte picks the indicator type, the rest is the
// raw value. Checks that nothing crashes (the sanitizers do the rest) and that every accepted value
// is a fixed point: normalize(normalize(x)) == normalize(x).
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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tcfeed::indicators::kAllIndicatorTypes;
  using tcfeed::indicators::normalize;
  using tcfeed::indicators::Reject;
  if (size == 0) return 0;
  const auto type = kAllIndicatorTypes[data[0] % kAllIndicatorTypes.size()];
  const std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);

  static std::string out;
  static std::string again;
  if (normalize(type, raw, out) != Reject::None) return 0;
  if (normalize(type, out, again) != Reject::None || again != out) std::abort();
  return 0;
}
