#pragma once
// The poll the `csv` and `json` connectors share: fetch with the HTTP validators, unpack zip/gzip,
// hand the bytes to the format's reader, and move the cursor. Cursor: ETag / Last-Modified, plus
// in incremental mode the highest id read (position).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "connectors/generic/generic_mapper.hpp"
#include "connectors/generic/generic_settings.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::generic {

struct ReadResult {
  std::size_t records = 0;
  std::int64_t max_id = 0;
};

// Reads every record of `source` through `mapper` into `sink`; throws SourceError.
using ReadFn =
    std::function<ReadResult(pipeline::ByteSource& source, GenericMapper& mapper, pipeline::CandidateSink& sink)>;

std::unique_ptr<pipeline::Connector> make_generic_connector(GenericSettings settings, ReadFn read);

}  // namespace tcfeed::connectors::generic
