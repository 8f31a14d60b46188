// libFuzzer target for CsvReader: the first byte picks the options, the rest is the feed. Checks
// that nothing crashes (the sanitizers do the rest), that no field outgrows the record limit, and
// that chunking never changes the records or the count of broken ones (the comment, oversize and
// broken-quote logic runs per chunk).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using tcfeed::pipeline::CsvHeader;
using tcfeed::pipeline::CsvOptions;
using tcfeed::pipeline::CsvReader;
using tcfeed::pipeline::SourceError;
using tcfeed::pipeline::StringSource;

struct Outcome {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  std::size_t oversized = 0;
  std::size_t broken = 0;
  bool failed = false;
};

Outcome run(const std::string& text, CsvOptions options) {
  Outcome out;
  StringSource source(text);
  CsvReader reader(source, options);
  try {
    reader.read([&](std::span<const std::string_view> fields) {
      std::size_t total = 0;
      for (const auto field : fields) total += field.size();
      if (total > options.max_record_bytes) std::abort();
      out.rows.emplace_back(fields.begin(), fields.end());
    });
  } catch (const SourceError&) {
    out.failed = true;
  }
  out.header = reader.header();
  out.oversized = reader.stats().oversized;
  out.broken = reader.stats().broken;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  CsvOptions options;
  options.header = static_cast<CsvHeader>(data[0] % 3);
  options.comment = (data[0] & 0x10) ? '#' : '\0';
  options.max_record_bytes = (data[0] & 0x20) ? 32 : 4096;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  options.chunk_bytes = 64 * 1024;
  const Outcome whole = run(text, options);
  options.chunk_bytes = 1 + data[0] % 7;
  const Outcome chunked = run(text, options);
  // The oversize guard counts input per line segment, which chunking splits: compare only when
  // nothing was oversized.
  if (whole.oversized == 0 && chunked.oversized == 0 &&
      (whole.rows != chunked.rows || whole.header != chunked.header || whole.failed != chunked.failed ||
       whole.broken != chunked.broken)) {
    std::abort();
  }
  return 0;
}
