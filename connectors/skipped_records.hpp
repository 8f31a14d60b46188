#pragma once
// What the format readers skipped without handing it to a connector (over max_record_bytes, nested
// too deeply, refused by simdjson) still reaches the sink as unmapped records, each counted once,
// so nothing read is dropped without a trace.
#include <cstddef>

#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/format/json_records.hpp"

namespace tcfeed::connectors {

// Each returns how many records it reported: they were read from the source, so the caller adds
// them to its count of records read.
std::size_t report_skipped(const pipeline::CsvStats& stats, pipeline::CandidateSink& sink);
std::size_t report_skipped(const pipeline::JsonStats& stats, pipeline::CandidateSink& sink);

}  // namespace tcfeed::connectors
