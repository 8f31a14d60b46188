#pragma once
// Reads one page of OTX's subscribed pulses (`{"count":N,"next":"…"|null,"results":[pulse…]}`)
// into the mapper, each pulse parsed on its own (docs/architecture.md, Format): one too large,
// too deep or refused by the parser is counted and its siblings still read.
#include <cstddef>
#include <optional>
#include <string>

#include "connectors/otx/otx_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::otx {

struct PulsePage {
  std::size_t records = 0;  // indicators read, mapped or not
  std::size_t pulses = 0;
  std::string next;  // the envelope's `next`, "" when null or absent
  std::optional<StixTime> newest_modified;
};

// Throws SourceError when the source fails or the document is not a JSON object.
PulsePage read_pulse_page(pipeline::ByteSource& source, OtxMapper& mapper, pipeline::CandidateSink& sink,
                          std::size_t max_pulse_bytes);

}  // namespace tcfeed::connectors::otx
