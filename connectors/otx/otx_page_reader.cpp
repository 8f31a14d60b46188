#include "connectors/otx/otx_page_reader.hpp"

#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/json_records.hpp"

namespace tcfeed::connectors::otx {

PulsePage read_pulse_page(pipeline::ByteSource& source, OtxMapper& mapper, pipeline::CandidateSink& sink,
                          std::size_t max_pulse_bytes) {
  pipeline::JsonOptions options;
  options.form = pipeline::JsonForm::KeyedObject;
  options.max_record_bytes = max_pulse_bytes;
  pipeline::JsonRecords records(source, options);
  PulsePage page;
  records.read([&](std::string_view key, simdjson::dom::element element) {
    if (key == "results") {
      ++page.pulses;
      const OtxPulseResult mapped = mapper.map(element, sink);
      page.records += mapped.records;
      if (mapped.modified && (!page.newest_modified || *mapped.modified > *page.newest_modified)) {
        page.newest_modified = mapped.modified;
      }
    } else if (key == "next") {
      std::string_view next;
      if (element.get(next) == simdjson::SUCCESS) page.next = std::string(next);
    }
    // `count` and `previous` say nothing about the pulses.
  });
  page.records += report_skipped(records.stats(), sink);
  return page;
}

}  // namespace tcfeed::connectors::otx
