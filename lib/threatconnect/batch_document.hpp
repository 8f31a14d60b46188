#pragma once
// Batch job settings and upload documents (threatconnect-api.md §5.2, §5.3), serialized straight
// into a reused buffer and split by the job limits: indicators per job and bytes per upload.
#include <cstddef>
#include <string>

#include "lib/indicators/indicator.hpp"

namespace tcfeed::threatconnect {

struct BatchSettings {
  std::string owner;                                // always explicit (DESIGN §2 rule 1)
  std::string action = "Create";                    // or "Delete"
  std::string attribute_write_type = "Singleton";   // never Append: re-sends would stack duplicates
  std::string tag_write_type = "Append";
  std::string security_label_write_type = "Append";
  bool halt_on_error = false;
};

std::string settings_json(const BatchSettings& settings);

class BatchDocumentBuilder {
public:
  BatchDocumentBuilder(std::size_t max_indicators, std::size_t max_bytes);

  // Appends one indicator. Returns false, leaving the document unchanged, when it would pass a
  // limit: take() the document and add again. A single indicator larger than max_bytes on its
  // own is reported by `oversized()` after add() returns false on an empty document.
  bool add(const indicators::Indicator& indicator);
  bool oversized() const { return oversized_; }

  std::size_t count() const { return count_; }
  bool empty() const { return count_ == 0; }

  // The finished document; the builder starts a new one.
  std::string take();

private:
  std::size_t max_indicators_;
  std::size_t max_bytes_;
  std::size_t count_ = 0;
  bool oversized_ = false;
  std::string document_;
  std::string item_;
};

}  // namespace tcfeed::threatconnect
