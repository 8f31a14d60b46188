#pragma once
// Telling a feed's form by its content, for the readers that accept more than one (an abuse.ch
// export as CSV or as JSON): the first bytes are peeked and replayed, never consumed, so the
// reader chosen still sees the whole feed.
#include <cstddef>
#include <memory>
#include <string>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors {

struct FeedHead {
  std::string bytes;  // the first bytes, fewer than asked only when the feed is that short
  char first = '\0';  // the first byte that is not whitespace or part of a UTF-8 BOM; '\0' if none

  // '{' or '[' opens JSON; anything else ('#', '"', a letter) is a CSV or text export.
  bool json() const { return first == '{' || first == '['; }
};

// Reads up to `size` bytes; `source` is replaced by one that yields them again, then the rest.
FeedHead peek_feed_head(std::unique_ptr<pipeline::ByteSource>& source, std::size_t size = 512);

}  // namespace tcfeed::connectors
