#pragma once
// One indicator's tags under add_tag()'s rules (cleaned, deduplicated case-insensitively, the
// feed's own names dropped), held as views so that a warm set costs no allocation per indicator:
// a tag that cleaning left as it was points into the caller's text (valid while that text is, e.g.
// during CandidateSink::accept), one that cleaning changed is copied into the set's own buffer.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

class TagSet {
 public:
  // Empties the set, keeping its capacity.
  void clear() {
    entries_.clear();
    owned_.clear();
  }

  // add_tag(): whether `raw` was added. `loss`, when given, is clean_tag()'s: what cleaning took
  // from the tag (dropped for a control character or invalid UTF-8, cut when too long).
  bool add(std::string_view raw, std::span<const std::string> stripped_names, Reject* loss = nullptr);

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::string_view operator[](std::size_t i) const;

 private:
  struct Entry {
    const char* data;  // nullptr: the tag is in owned_ at `offset`
    std::size_t offset;
    std::size_t size;
  };
  std::vector<Entry> entries_;
  std::string owned_;  // cleaned tags, back to back (offsets, since it may move as it grows)
  std::string scratch_;
};

}  // namespace tcfeed::indicators
