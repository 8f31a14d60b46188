#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

const char* job_state_name(JobState state) {
  switch (state) {
    case JobState::kCreated: return "Created";
    case JobState::kQueued: return "Queued";
    case JobState::kRunning: return "Running";
    case JobState::kCompleted: return "Completed";
  }
  return "Unknown";
}

Store::Store(const std::vector<OwnerSpec>& owners) {
  std::int64_t id = 1;
  for (const auto& spec : owners) owners_.push_back({id++, spec.name, spec.type, spec.perm_indicator});
}

const Owner* Store::find_owner(std::string_view name) const {
  for (const auto& owner : owners_) {
    if (owner.name == name) return &owner;
  }
  return nullptr;
}

const Owner* Store::find_owner(std::int64_t id) const {
  for (const auto& owner : owners_) {
    if (owner.id == id) return &owner;
  }
  return nullptr;
}

std::string Store::key_of(std::int64_t owner_id, const IndicatorType& type, std::string_view summary) {
  std::string key = std::to_string(owner_id);
  key.append("\x1f").append(type.name).append("\x1f").append(summary);
  return key;
}

StoredIndicator* Store::find_indicator(std::int64_t owner_id, const IndicatorType& type, std::string_view summary) {
  const auto found = index_.find(key_of(owner_id, type, summary));
  if (found == index_.end()) return nullptr;
  return &indicators_.at(found->second);
}

StoredIndicator& Store::upsert(std::int64_t owner_id, const IndicatorType& type, std::string summary, std::int64_t now,
                               bool& created) {
  // One lookup for both cases: the delivery benchmark sends a million indicators through here.
  const auto [found, inserted] = index_.try_emplace(key_of(owner_id, type, summary), next_indicator_id_);
  if (!inserted) {
    created = false;
    return indicators_.at(found->second);
  }
  created = true;
  const std::int64_t id = next_indicator_id_++;
  StoredIndicator& indicator = indicators_.emplace_hint(indicators_.end(), id, StoredIndicator{})->second;
  indicator.id = id;
  indicator.owner_id = owner_id;
  indicator.type = &type;
  indicator.summary = std::move(summary);
  indicator.date_added = now;
  indicator.last_modified = now;
  return indicator;
}

bool Store::erase_indicator(std::int64_t owner_id, const IndicatorType& type, std::string_view summary) {
  const auto found = index_.find(key_of(owner_id, type, summary));
  if (found == index_.end()) return false;
  indicators_.erase(found->second);
  index_.erase(found);
  return true;
}

const StoredGroup* Store::find_group(std::int64_t id) const {
  const auto found = groups_.find(id);
  return found == groups_.end() ? nullptr : &found->second;
}

StoredGroup* Store::find_group_by_xid(std::string_view xid) {
  const auto found = group_index_.find(std::string(xid));
  return found == group_index_.end() ? nullptr : &groups_.at(found->second);
}

StoredGroup& Store::upsert_group(std::int64_t owner_id, std::string xid, std::int64_t now, bool& created) {
  const auto [found, inserted] = group_index_.try_emplace(xid, next_group_id_);
  created = inserted;
  if (!inserted) return groups_.at(found->second);
  const std::int64_t id = next_group_id_++;
  StoredGroup& group = groups_[id];
  group.id = id;
  group.owner_id = owner_id;
  group.xid = std::move(xid);
  group.date_added = now;
  group.last_modified = now;
  return group;
}

Job& Store::create_job(const BatchSettings& settings) {
  const std::int64_t id = next_job_id_++;
  Job& job = jobs_[id];
  job.id = id;
  job.settings = settings;
  return job;
}

Job* Store::find_job(std::int64_t id) {
  const auto found = jobs_.find(id);
  return found == jobs_.end() ? nullptr : &found->second;
}

void Store::reset() {
  // Ids keep counting so a test never mistakes an old job or indicator for a new one.
  indicators_.clear();
  index_.clear();
  jobs_.clear();
  groups_.clear();
  group_index_.clear();
}

}  // namespace tcfeed::sandbox
