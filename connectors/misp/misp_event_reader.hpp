#pragma once
// Reads one MISP event document (`{"Event":{…}}`, a feed's `<uuid>.json`) into the mapper. The
// document is split by the streaming JSON reader and the event parsed on its own up to
// `max_event_bytes`: a larger one is counted (oversized_record), never held whole past the bound.
#include <cstddef>

#include "connectors/misp/misp_event_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::misp {

// Returns the records (attributes, and what the reader skipped) read. Throws SourceError when the
// source fails or the document is not a JSON object.
std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            std::size_t max_event_bytes);

}  // namespace tcfeed::connectors::misp
