#pragma once
// Streaming decompression of zip and gzip exports (libarchive), told by their magic bytes, with caps
// against decompression bombs: the output is bounded in bytes and in ratio to the input read.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

struct DecompressLimits {
  // What is parsed is the unpacked feed, so a connector's `max_bytes` bounds it too
  // (decompress_limits below); past it the error names the key to raise.
  std::uint64_t max_output_bytes = std::uint64_t{2} << 30;
  // Output / compressed input. Text exports compress 5–20×; a bomb reaches 1000×.
  std::uint64_t max_ratio = 200;
  // Below this much output the ratio is not checked: a tiny input has a meaningless ratio.
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;
};

// The limits for a connector's source: its max_bytes caps the unpacked bytes as it caps the download.
DecompressLimits decompress_limits(std::size_t max_bytes);

// A zip (PK\x03\x04) yields its one regular entry named *.csv, *.json, *.jsonl, *.tsv, *.txt or
// without an extension (other entries, such as __MACOSX/ or a README.md, are skipped); a zip with
// two or more such entries is refused once the first is read, since joining files of unknown layout
// would misread them and reading one would silently drop the rest. A gzip (1f 8b) yields its
// content; anything else passes through unchanged. Reading past a limit throws SourceError
// ("… exceeds max_bytes …" or "… times the compressed input …").
std::unique_ptr<ByteSource> maybe_decompress(std::unique_ptr<ByteSource> source, const DecompressLimits& limits = {});

}  // namespace tcfeed::pipeline
