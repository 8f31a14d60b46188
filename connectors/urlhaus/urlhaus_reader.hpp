#pragma once
// Reads a URLhaus export — CSV or the JSON dump, told apart by content — into the mapper.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "connectors/urlhaus/urlhaus_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::urlhaus {

struct ReadResult {
  std::size_t records = 0;  // rows read, mapped or not
  std::int64_t max_id = 0;  // the highest valid id among them
};

// Throws SourceError when the source fails, the JSON structure is broken, or the CSV lacks a
// column the mapper needs (a loud error: the feed changed its format).
ReadResult read_urlhaus(std::unique_ptr<pipeline::ByteSource> source, const UrlhausMapOptions& options,
                        pipeline::CandidateSink& sink);

}  // namespace tcfeed::connectors::urlhaus
