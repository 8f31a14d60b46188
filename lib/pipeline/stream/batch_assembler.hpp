#pragma once
// Builds upload documents from serialized items within the job limits: indicators per job and
// bytes per upload (docs/threatconnect.md, Limits). The buffer is reused from one document to the next.
#include <cstddef>
#include <string>
#include <string_view>

#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

class BatchAssembler {
 public:
  BatchAssembler(std::size_t max_indicators, std::size_t max_bytes)
      : max_indicators_(max_indicators), max_bytes_(max_bytes) {
    document_.reserve(max_bytes);
    document_.append(threatconnect::kDocumentOpen);
  }

  // Whether `item` fits into the current document.
  bool fits(std::string_view item) const {
    const std::size_t separator = count_ == 0 ? 0 : 1;
    return count_ < max_indicators_ &&
           document_.size() + separator + item.size() + threatconnect::kDocumentClose.size() <= max_bytes_;
  }
  // Whether `item` could fit at all, alone in a document.
  bool fits_alone(std::string_view item) const {
    return threatconnect::kDocumentOpen.size() + item.size() + threatconnect::kDocumentClose.size() <= max_bytes_;
  }
  void add(std::string_view item) {
    if (count_ > 0) document_ += ',';
    document_ += item;
    ++count_;
  }

  std::size_t count() const { return count_; }
  bool empty() const { return count_ == 0; }

  // The finished document, valid until the next add() or reset().
  std::string_view finish() {
    document_.append(threatconnect::kDocumentClose);
    return document_;
  }
  void reset() {
    document_.resize(threatconnect::kDocumentOpen.size());
    count_ = 0;
  }

 private:
  std::size_t max_indicators_;
  std::size_t max_bytes_;
  std::size_t count_ = 0;
  std::string document_;
};

}  // namespace tcfeed::pipeline
