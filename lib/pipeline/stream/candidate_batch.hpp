#pragma once
// Candidates copied out of the connector's buffers, so that another thread can take them through
// the stream (stream_thread.hpp). A Candidate is views into what the connector read, valid during
// accept() only; a batch holds their bytes in one buffer and the calls in the order they came.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/stream/screening.hpp"

namespace tcfeed::pipeline {

class IndicatorStream;

class CandidateBatch {
 public:
  // `screening` and `normalized`: what screen() made of the candidate.
  void add(const Candidate& candidate, const Screening& screening, std::string_view normalized);
  void add_unmapped(Unmapped reason);
  void add_expect(std::size_t records);
  void add_group(const CandidateGroup& group);  // CandidateSink::group

  std::size_t calls() const { return entries_.size(); }
  std::size_t bytes() const { return bytes_.size(); }

  // Makes every call on `stream`, in order, then empties the batch (its buffers keep their size).
  void replay(IndicatorStream& stream);
  void clear();

 private:
  struct Text {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  // A run of consecutive texts_ (a list of views; attribute pairs take two each).
  struct Texts {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  struct StoredGroup {
    indicators::GroupType type = indicators::GroupType::Malware;
    Text name;
    Text source_id;
    Text date;
    Texts attributes;
    Texts tags;
  };
  enum class Call : std::uint8_t { Accept, Unmapped, Expect, Group };
  struct Entry {
    Call call = Call::Accept;
    indicators::IndicatorType type = indicators::IndicatorType::Address;
    Screening screening;
    Unmapped unmapped{};
    bool benign = false;
    bool continues_record = false;
    std::optional<bool> active;
    std::optional<int> rating;
    std::optional<int> confidence;
    Text value;
    Text normalized;
    Text source_ref;
    std::optional<Text> attack_tactic;
    Texts tags;
    Texts attributes;
    Texts attack_techniques;
    std::uint32_t first_group = 0;
    std::uint32_t group_count = 0;
    std::size_t expected = 0;
  };

  Text keep(std::string_view text);
  Texts keep_all(const std::vector<std::string_view>& texts);
  Texts keep_pairs(const std::vector<std::pair<std::string_view, std::string_view>>& pairs);
  std::string_view view(Text text) const { return {bytes_.data() + text.offset, text.size}; }
  void view_all(Texts texts, std::vector<std::string_view>& into) const;
  void view_pairs(Texts texts, std::vector<std::pair<std::string_view, std::string_view>>& into) const;
  // scratch_ made again from `entry`, its vectors reused.
  const Candidate& rebuild(const Entry& entry);
  void keep_groups(const std::vector<CandidateGroup>& groups, Entry& entry);

  std::string bytes_;
  std::vector<Text> texts_;
  std::vector<StoredGroup> groups_;
  std::vector<Entry> entries_;
  Candidate scratch_;
};

}  // namespace tcfeed::pipeline
