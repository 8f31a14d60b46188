// libFuzzer target for JsonRecords: the first byte picks the form and limits, the rest is the
// document. Checks that nothing crashes, that structural errors surface as SourceError only, and
// that chunking never changes the records of an explicit form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using tcfeed::pipeline::JsonForm;
using tcfeed::pipeline::JsonOptions;
using tcfeed::pipeline::JsonRecords;
using tcfeed::pipeline::SourceError;
using tcfeed::pipeline::StringSource;

struct Outcome {
  std::vector<std::pair<std::string, std::string>> records;
  bool failed = false;
};

Outcome run(const std::string& text, JsonOptions options) {
  Outcome out;
  StringSource source(text);
  JsonRecords reader(source, options);
  try {
    reader.read([&](std::string_view key, simdjson::dom::element element) {
      out.records.emplace_back(std::string(key), simdjson::minify(element));
    });
  } catch (const SourceError&) {
    out.failed = true;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  JsonOptions options;
  options.form = static_cast<JsonForm>(data[0] % 4);
  options.max_record_bytes = (data[0] & 0x10) ? 48 : 4096;
  options.max_depth = (data[0] & 0x20) ? 3 : 64;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  options.chunk_bytes = 64 * 1024;
  const Outcome whole = run(text, options);
  if (options.form == JsonForm::Auto) return 0;  // detection may look further with bigger chunks
  options.chunk_bytes = 1 + data[0] % 7;
  const Outcome chunked = run(text, options);
  if (whole.records != chunked.records || whole.failed != chunked.failed) std::abort();
  return 0;
}
