#pragma once
// Reads one MISP event document (`{"Event":{…}}`, a feed's `<uuid>.json`) into the mapper as it
// arrives (docs/feeds.md, MISP feed). The document is walked, never held: each attribute — of
// `Event.Attribute[]` and of `Event.Object[].Attribute[]` — is captured on its own (up to
// `max_attribute_bytes`) and parsed by simdjson, and the event's uuid, info, date and Tag[] are
// kept for its group. MISP does not fix the order of an event's members (its info and Tag may
// follow the attributes), so the attributes are held, reduced, until the event ends
// (misp_pending_attributes.hpp) and mapped then: memory is bounded by the limits below, not by the
// event's size.
#include <cstddef>

#include "connectors/misp/misp_event_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::misp {

struct MispEventLimits {
  std::size_t max_event_bytes = 256u << 20;   // a larger event is counted once (oversized_record)
  std::size_t max_attribute_bytes = 1 << 20;  // one attribute (or tag); a larger one is counted
  std::size_t max_depth = 64;                 // from the document's root; a deeper attribute is counted
  std::size_t memory_bytes = 1 << 20;         // attributes held in memory before the temporary file
};

// Returns the records (attributes, and what could not be read) read. Nothing reaches the sink
// before the event ends: a document cut short sends nothing. Throws SourceError when the source
// fails, or the document is not a JSON object, is broken or ends early (truncated).
std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            const MispEventLimits& limits);

// As above with the default limits and `max_event_bytes` (the feed connector's key).
std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            std::size_t max_event_bytes);

}  // namespace tcfeed::connectors::misp
