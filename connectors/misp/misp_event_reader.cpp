#include "connectors/misp/misp_event_reader.hpp"

#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/json_records.hpp"

namespace tcfeed::connectors::misp {

std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            std::size_t max_event_bytes) {
  pipeline::JsonOptions options;
  options.form = pipeline::JsonForm::KeyedObject;
  options.max_record_bytes = max_event_bytes;
  pipeline::JsonRecords reader(source, options);
  std::size_t records = 0;
  reader.read([&](std::string_view key, simdjson::dom::element value) {
    // {"Event":{…}}: other members (none in the format today) say nothing about indicators.
    if (key == "Event") records += mapper.map(value, sink).records;
  });
  return records + report_skipped(reader.stats(), sink);
}

}  // namespace tcfeed::connectors::misp
