#include "connectors/feed_head.hpp"

namespace tcfeed::connectors {

FeedHead peek_feed_head(std::unique_ptr<pipeline::ByteSource>& source, std::size_t size) {
  FeedHead head;
  source = pipeline::peek(std::move(source), size, head.bytes);
  // The BOM's bytes are skipped one by one, as whitespace is: none of them opens a form.
  const auto first = head.bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos) head.first = head.bytes[first];
  return head;
}

}  // namespace tcfeed::connectors
