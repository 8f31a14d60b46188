// libFuzzer target for the generic connectors' mapper: the input is a CSV feed read with a header,
// each row's fields (by position) go through GenericMapper with a type_map, a regex filter and
// incremental ids. Checks that nothing crashes and that every candidate is a non-empty, trimmed
// value of a mapped type.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/generic/generic_mapper.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed::connectors::generic;
using tcfeed::indicators::IndicatorType;

class CheckingSink final : public tcfeed::pipeline::CandidateSink {
 public:
  void accept(const tcfeed::pipeline::Candidate& candidate) override {
    if (candidate.value.empty() || candidate.value.front() == ' ' || candidate.value.back() == ' ') std::abort();
    if (candidate.type != IndicatorType::Address && candidate.type != IndicatorType::Host) std::abort();
    for (const auto tag : candidate.tags) {
      if (tag.empty()) std::abort();
    }
  }
  void unmapped(tcfeed::pipeline::Unmapped) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  GenericMapOptions options;
  options.type_map = {{"ip", IndicatorType::Address}, {"domain", IndicatorType::Host}};
  options.filter = (data[0] & 1) != 0 ? FilterKind::Matches : FilterKind::Equals;
  options.equals = "active";
  static const auto kRegex = std::make_shared<const std::regex>("^[a-z]+$");
  options.matches = kRegex;
  options.incremental = (data[0] & 2) != 0;
  options.after_id = data[0] >> 2;
  GenericMapper mapper(options);
  CheckingSink sink;

  tcfeed::pipeline::StringSource source(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  tcfeed::pipeline::CsvOptions csv;
  csv.max_record_bytes = 4096;
  csv.chunk_bytes = 64;
  tcfeed::pipeline::CsvReader reader(source, csv);
  GenericRecord record;
  try {
    reader.read([&](std::span<const std::string_view> fields) {
      auto field = [&](std::size_t i) { return i < fields.size() ? fields[i] : std::string_view(); };
      record.id = field(0);
      record.type = field(1);
      record.value = field(2);
      record.rating = field(3);
      record.confidence = field(4);
      record.tags.clear();
      split_list(field(5), record.tags);
      record.filter = field(6);
      mapper.map(record, sink);
    });
  } catch (const tcfeed::pipeline::SourceError&) {
  }
  if (mapper.unmapped_words().size() > GenericMapper::kMaxWords) std::abort();
  return 0;
}
