#include "lib/pipeline/stream/candidate_batch.hpp"

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {

CandidateBatch::Text CandidateBatch::keep(std::string_view text) {
  // A batch is handed over at a few hundred KiB, and no record the sources' size limits let
  // through comes near 4 GiB, so 32-bit offsets hold.
  const Text kept{static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(text.size())};
  bytes_.append(text);
  return kept;
}

CandidateBatch::Texts CandidateBatch::keep_all(const std::vector<std::string_view>& texts) {
  const Texts kept{static_cast<std::uint32_t>(texts_.size()), static_cast<std::uint32_t>(texts.size())};
  for (std::string_view text : texts) texts_.push_back(keep(text));
  return kept;
}

CandidateBatch::Texts CandidateBatch::keep_pairs(
    const std::vector<std::pair<std::string_view, std::string_view>>& pairs) {
  const Texts kept{static_cast<std::uint32_t>(texts_.size()), static_cast<std::uint32_t>(pairs.size())};
  for (const auto& [first, second] : pairs) {
    texts_.push_back(keep(first));
    texts_.push_back(keep(second));
  }
  return kept;
}

void CandidateBatch::add(const Candidate& candidate, const Screening& screening, std::string_view normalized) {
  Entry& entry = entries_.emplace_back();
  entry.type = candidate.type;
  entry.screening = screening;
  entry.benign = candidate.benign;
  entry.continues_record = candidate.continues_record;
  entry.active = candidate.active;
  entry.rating = candidate.rating;
  entry.confidence = candidate.confidence;
  entry.value = keep(candidate.value);
  entry.normalized = keep(normalized);
  if (candidate.attack_tactic) entry.attack_tactic = keep(*candidate.attack_tactic);
  entry.tags = keep_all(candidate.tags);
  entry.attributes = keep_pairs(candidate.attributes);
  entry.attack_techniques = keep_all(candidate.attack_techniques);
  entry.source_ref = keep(candidate.source_ref);
  keep_groups(candidate.groups, entry);
}

void CandidateBatch::keep_groups(const std::vector<CandidateGroup>& groups, Entry& entry) {
  entry.first_group = static_cast<std::uint32_t>(groups_.size());
  entry.group_count = static_cast<std::uint32_t>(groups.size());
  for (const CandidateGroup& group : groups) {
    StoredGroup& stored = groups_.emplace_back();
    stored.type = group.type;
    stored.name = keep(group.name);
    stored.source_id = keep(group.source_id);
    stored.date = keep(group.date);
    stored.attributes = keep_pairs(group.attributes);
    stored.tags = keep_all(group.tags);
  }
}

void CandidateBatch::add_group(const CandidateGroup& group) {
  Entry& entry = entries_.emplace_back();
  entry.call = Call::Group;
  keep_groups({group}, entry);
}

void CandidateBatch::add_unmapped(Unmapped reason) {
  Entry& entry = entries_.emplace_back();
  entry.call = Call::Unmapped;
  entry.unmapped = reason;
}

void CandidateBatch::add_expect(std::size_t records) {
  Entry& entry = entries_.emplace_back();
  entry.call = Call::Expect;
  entry.expected = records;
}

void CandidateBatch::view_all(Texts texts, std::vector<std::string_view>& into) const {
  into.clear();
  for (std::uint32_t i = 0; i < texts.count; ++i) into.push_back(view(texts_[texts.first + i]));
}

void CandidateBatch::view_pairs(Texts texts, std::vector<std::pair<std::string_view, std::string_view>>& into) const {
  into.clear();
  for (std::uint32_t i = 0; i < texts.count; ++i)
    into.emplace_back(view(texts_[texts.first + 2 * i]), view(texts_[texts.first + 2 * i + 1]));
}

const Candidate& CandidateBatch::rebuild(const Entry& entry) {
  Candidate& candidate = scratch_;
  candidate.type = entry.type;
  candidate.value = view(entry.value);
  candidate.rating = entry.rating;
  candidate.confidence = entry.confidence;
  view_all(entry.tags, candidate.tags);
  view_pairs(entry.attributes, candidate.attributes);
  view_all(entry.attack_techniques, candidate.attack_techniques);
  candidate.attack_tactic.reset();
  if (entry.attack_tactic) candidate.attack_tactic = view(*entry.attack_tactic);
  candidate.benign = entry.benign;
  candidate.active = entry.active;
  candidate.continues_record = entry.continues_record;
  candidate.source_ref = view(entry.source_ref);
  // Resized, not cleared: a group's vectors keep their capacity from one record to the next.
  candidate.groups.resize(entry.group_count);
  for (std::uint32_t i = 0; i < entry.group_count; ++i) {
    const StoredGroup& stored = groups_[entry.first_group + i];
    CandidateGroup& group = candidate.groups[i];
    group.type = stored.type;
    group.name = view(stored.name);
    group.source_id = view(stored.source_id);
    group.date = view(stored.date);
    view_pairs(stored.attributes, group.attributes);
    view_all(stored.tags, group.tags);
  }
  return candidate;
}

void CandidateBatch::replay(IndicatorStream& stream) {
  for (const Entry& entry : entries_) {
    switch (entry.call) {
      case Call::Accept: stream.accept_screened(rebuild(entry), entry.screening, view(entry.normalized)); break;
      case Call::Unmapped: stream.unmapped(entry.unmapped); break;
      case Call::Expect: stream.expect(entry.expected); break;
      case Call::Group: stream.group(rebuild(entry).groups.front()); break;
    }
  }
  clear();
}

void CandidateBatch::clear() {
  bytes_.clear();
  texts_.clear();
  groups_.clear();
  entries_.clear();
}

}  // namespace tcfeed::pipeline
