#pragma once
// Streaming decompression of zip and gzip exports (libarchive), told by their magic bytes, with caps
// against decompression bombs: the output is bounded in bytes and in ratio to the input read.
#include <cstdint>
#include <memory>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

struct DecompressLimits {
  std::uint64_t max_output_bytes = std::uint64_t{2} << 30;
  // Output / compressed input. Text exports compress 5–20×; a bomb reaches 1000×.
  std::uint64_t max_ratio = 200;
  // Below this much output the ratio is not checked: a tiny input has a meaningless ratio.
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;
};

// A zip (PK\x03\x04) yields its first regular entry named *.csv, *.json, *.jsonl, *.tsv, *.txt
// or without an extension; a gzip (1f 8b) yields its content; anything else passes through
// unchanged. Reading past a limit throws SourceError "decompressed … exceeds …".
std::unique_ptr<ByteSource> maybe_decompress(std::unique_ptr<ByteSource> source, const DecompressLimits& limits = {});

}  // namespace tcfeed::pipeline
