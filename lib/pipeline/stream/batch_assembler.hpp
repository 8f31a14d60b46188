#pragma once
// Builds upload documents from serialized items within the job limits: indicators per job and
// bytes per upload (docs/threatconnect.md, Limits). Groups go into their own array, written before
// the indicators (docs/threatconnect.md, Groups), and associations into theirs, written after them
// (docs/threatconnect.md, Associations); the byte limit counts all three. The buffers are reused
// from one document to the next.
#include <cstddef>
#include <string>
#include <string_view>

#include "lib/threatconnect/association_json.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

class BatchAssembler {
 public:
  BatchAssembler(std::size_t max_indicators, std::size_t max_bytes)
      : max_indicators_(max_indicators), max_bytes_(max_bytes) {
    document_.reserve(max_bytes);
    document_.append(threatconnect::kDocumentOpen);
  }

  // Whether `item` fits into the current document, with `group_bytes` more of groups (what
  // group_cost() gives for the groups it brings that the document does not have yet).
  bool fits(std::string_view item, std::size_t group_bytes = 0) const {
    const std::size_t separator = count_ == 0 ? 0 : 1;
    return count_ < max_indicators_ && size() + group_bytes + separator + item.size() <= max_bytes_;
  }
  // Whether `item` could fit at all, alone in a document with `groups` groups of `group_bytes`
  // bytes in all.
  bool fits_alone(std::string_view item, std::size_t group_bytes = 0, std::size_t groups = 0) const {
    const std::size_t group_part = groups == 0 ? 0 : kGroupsOverhead + group_bytes + groups - 1;
    return threatconnect::kDocumentOpen.size() + item.size() + threatconnect::kDocumentClose.size() + group_part <=
           max_bytes_;
  }
  // What adding a group of `group_size` bytes costs this document: the group array's brackets
  // with the first, a comma with the next.
  std::size_t group_cost(std::size_t group_size, std::size_t groups_before = 0) const {
    const bool first = groups_.empty() && groups_before == 0;
    return group_size + (first ? kGroupsOverhead : 1);
  }
  // Whether a group of `group_size` bytes fits into the current document.
  bool fits_group(std::size_t group_size) const { return size() + group_cost(group_size) <= max_bytes_; }
  // Whether an association entry fits into the current document; and into an empty one.
  bool fits_association(std::string_view entry) const { return size() + association_cost(entry.size()) <= max_bytes_; }
  bool fits_association_alone(std::string_view entry) const {
    return threatconnect::kDocumentOpen.size() + threatconnect::kDocumentClose.size() +
               threatconnect::kIndicatorsThenAssociations.size() + entry.size() <=
           max_bytes_;
  }

  void add(std::string_view item) {
    if (count_ > 0) document_ += ',';
    document_ += item;
    ++count_;
  }
  void add_group(std::string_view group) {
    if (!groups_.empty()) groups_ += ',';
    groups_ += group;
    ++group_count_;
  }

  void add_association(std::string_view entry) {
    if (!associations_.empty()) associations_ += ',';
    associations_ += entry;
    ++association_count_;
  }

  std::size_t count() const { return count_; }
  std::size_t group_count() const { return group_count_; }
  std::size_t association_count() const { return association_count_; }
  bool empty() const { return count_ == 0 && group_count_ == 0 && association_count_ == 0; }

  // The finished document, valid until the next add() or reset().
  std::string_view finish() {
    if (!associations_.empty()) {
      document_ += threatconnect::kIndicatorsThenAssociations;
      document_ += associations_;
    }
    document_.append(threatconnect::kDocumentClose);
    if (groups_.empty()) return document_;
    finished_.assign(threatconnect::kGroupsOpen);
    finished_ += groups_;
    finished_ += threatconnect::kGroupsThenIndicators;
    finished_.append(document_, threatconnect::kDocumentOpen.size());
    return finished_;
  }
  void reset() {
    document_.resize(threatconnect::kDocumentOpen.size());
    groups_.clear();
    associations_.clear();
    count_ = 0;
    group_count_ = 0;
    association_count_ = 0;
  }

 private:
  // `{"group":[` … `],"indicator":[` in place of `{"indicator":[`.
  static constexpr std::size_t kGroupsOverhead = threatconnect::kGroupsOpen.size() +
                                                 threatconnect::kGroupsThenIndicators.size() -
                                                 threatconnect::kDocumentOpen.size();
  // The finished document's size as it stands.
  std::size_t size() const {
    return document_.size() + threatconnect::kDocumentClose.size() +
           (groups_.empty() ? 0 : kGroupsOverhead + groups_.size()) +
           (associations_.empty() ? 0 : threatconnect::kIndicatorsThenAssociations.size() + associations_.size());
  }
  // The association array's opening with the first entry, a comma with the next.
  std::size_t association_cost(std::size_t entry_size) const {
    return entry_size + (associations_.empty() ? threatconnect::kIndicatorsThenAssociations.size() : 1);
  }

  std::size_t max_indicators_;
  std::size_t max_bytes_;
  std::size_t count_ = 0;
  std::size_t group_count_ = 0;
  std::size_t association_count_ = 0;
  std::string document_;      // `{"indicator":[` and the items
  std::string groups_;        // the group items, comma-separated
  std::string associations_;  // the association entries, comma-separated
  std::string finished_;      // the whole document when it has groups
};

}  // namespace tcfeed::pipeline
