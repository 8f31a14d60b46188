// libFuzzer target for CsvScanner: it must report exactly what libcsv, its oracle, reports
// (docs/architecture.md, Dependencies) — the same fields, record ends and states — whatever the
// bytes and however they are chunked. The first byte picks the chunk sizes and where both parsers
// are reset, the rest is the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tests/unit/feeds/csv_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::vector<std::size_t> chunks = {1u + data[0] % 5, 1u + data[0] / 5 % 13};
  const std::size_t reset_at = (data[0] & 0x80) ? text.size() / 2 : std::string_view::npos;
  for (const auto& chunking : {std::vector<std::size_t>{}, chunks}) {
    const std::string difference = tcfeed::testing_support::libcsv_difference(text, chunking, reset_at);
    if (!difference.empty()) {
      std::fprintf(stderr, "%s\n", difference.c_str());
      std::abort();
    }
  }
  return 0;
}
