#pragma once
// Reads a Feodo Tracker blocklist — ipblocklist.json (an array of objects) or
// ipblocklist.csv — told apart by content, into the mapper.
#include <cstddef>
#include <memory>

#include "connectors/feodo/feodo_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::feodo {

struct ReadResult {
  std::size_t records = 0;  // entries read, mapped or not
};

// Throws SourceError when the source fails, the JSON structure is broken, or
// the CSV lacks a column the mapper needs.
ReadResult read_feodo(std::unique_ptr<pipeline::ByteSource> source, const FeodoMapOptions& options,
                      pipeline::CandidateSink& sink);

}  // namespace tcfeed::connectors::feodo
