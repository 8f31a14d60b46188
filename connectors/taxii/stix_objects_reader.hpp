#pragma once
// Reads the STIX objects of one document into the mapper: a TAXII 2.1 envelope
// (`{"more":true,"next":"…","objects":[…]}`, what GET …/objects/ answers) or a STIX bundle
// (`{"type":"bundle","id":"bundle--…","objects":[…]}`, what a file:// source holds). Each object is
// parsed on its own (docs/architecture.md, Format): one too large, too deep or refused by the
// parser is counted and its siblings still read, so a document is never held whole.
#include <cstddef>
#include <optional>
#include <string>

#include "connectors/taxii/stix_groups.hpp"
#include "connectors/taxii/stix_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::taxii {

struct ObjectsPage {
  std::size_t records = 0;                  // objects read, mapped or not
  bool more = false;                        // the envelope's `more`
  std::string next;                         // the envelope's `next`, "" when absent
  std::optional<StixTime> newest_modified;  // among the objects read
};

// Throws SourceError when the source fails or the document is not a JSON object (a broken or
// truncated one included). With `groups`, group objects and relationships go to it, and the
// indicators' candidates through it (stix_groups.hpp); without, they are counted `not_indicator`.
ObjectsPage read_stix_objects(pipeline::ByteSource& source, StixMapper& mapper, pipeline::CandidateSink& sink,
                              std::size_t max_object_bytes, StixGroups* groups = nullptr);

}  // namespace tcfeed::connectors::taxii
