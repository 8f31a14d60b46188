#pragma once
// Reads the OpenPhish community feed (feed.txt: a URL a line, no header) into the mapper. Blank
// lines and `#` comments are skipped; a line over kMaxLineBytes is counted oversized; a last line
// without its newline was cut off, and is counted malformed rather than sent as a shorter URL.
#include <cstddef>
#include <memory>

#include "connectors/openphish/openphish_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::openphish {

// Far above any URL the platform keeps (docs/threatconnect.md); a longer line is not one.
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

struct ReadResult {
  std::size_t records = 0;  // lines that held a value, mapped or not
};

// Throws SourceError when the source fails.
ReadResult read_openphish(std::unique_ptr<pipeline::ByteSource> source, const OpenphishMapOptions& options,
                          pipeline::CandidateSink& sink);

}  // namespace tcfeed::connectors::openphish
