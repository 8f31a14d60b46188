#include "lib/pipeline/batch_split.hpp"

#include "lib/threatconnect/batch_document.hpp"

namespace tcfeed::pipeline {

void split_into_documents(std::span<const indicators::Indicator> items, std::size_t max_indicators,
                          std::size_t max_bytes,
                          const std::function<void(std::string&&, std::size_t, std::size_t)>& on_document,
                          const std::function<void(const indicators::Indicator&)>& on_oversized) {
  threatconnect::BatchDocumentBuilder builder(max_indicators, max_bytes);
  std::size_t first = 0;  // index of the document's first indicator; documents are contiguous slices
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (builder.add(items[i])) continue;
    if (!builder.empty()) {  // the document is full: send it and start the next with this one
      const std::size_t count = builder.count();
      on_document(builder.take(), first, count);
      first = i;
      if (builder.add(items[i])) continue;
    }
    on_oversized(items[i]);  // too large even alone in a document
    first = i + 1;
  }
  if (!builder.empty()) {
    const std::size_t count = builder.count();
    on_document(builder.take(), first, count);
  }
}

}  // namespace tcfeed::pipeline
