#pragma once
// Reads ThreatFox data — a saved or live get_iocs API response
// ({"query_status":"ok","data":[...]}), the JSON export ({"<id>":[{...}],...}),
// or a CSV export (recent, or full.csv out of the full zip) — told apart by
// content, into the mapper.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "connectors/threatfox/threatfox_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::threatfox {

struct ReadResult {
  std::size_t records = 0;  // IOCs read, mapped or not
  std::int64_t max_id = 0;  // the highest valid id among them
};

// The API's data array is one member of the response object; each of its IOCs
// is parsed on its own (one too deep or too large is counted, the others read),
// each up to `max_document_bytes` (the connector passes the source's max_bytes).
//
// Throws SourceError when the source fails, the JSON structure is broken, the
// API's query_status is neither ok nor no_result(s) (the message names it), or
// the CSV lacks a column the mapper needs.
ReadResult read_threatfox(std::unique_ptr<pipeline::ByteSource> source, const ThreatfoxMapOptions& options,
                          pipeline::CandidateSink& sink, std::size_t max_document_bytes = 256u << 20);

}  // namespace tcfeed::connectors::threatfox
