#pragma once
// The sandbox's whole state: owners (from the command line), indicators and batch jobs. In memory
// only; single-threaded server, so no locking.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/sandbox/indicator_types.hpp"
#include "tests/sandbox/job_model.hpp"
#include "tests/sandbox/options.hpp"

namespace tcfeed::sandbox {

struct Owner {
  std::int64_t id = 0;
  std::string name;
  std::string type;
  std::string perm_indicator = "FULL";  // FULL | READ | NONE: only FULL may run batch jobs
};

struct Attribute {
  std::string type;
  std::string value;
  bool displayed = false;
};

struct StoredIndicator {
  std::int64_t id = 0;
  std::int64_t owner_id = 0;
  const IndicatorType* type = nullptr;
  std::string summary;
  std::optional<double> rating;
  std::optional<int> confidence;
  std::vector<std::string> tags;
  std::vector<Attribute> attributes;
  std::vector<std::string> security_labels;
  bool active = true;
  bool active_locked = false;
  bool private_flag = false;
  std::int64_t date_added = 0;
  std::int64_t last_modified = 0;
  std::vector<std::int64_t> group_ids;  // associated groups, in the order first associated
};

// A group from a batch job (docs/threatconnect.md, Groups): keyed by its xid across the instance.
struct StoredGroup {
  std::int64_t id = 0;
  std::int64_t owner_id = 0;
  std::string type;  // one of the platform's group types
  std::string name;
  std::string xid;
  std::string date;  // eventDate / publishDate / firstSeen as sent
  std::vector<std::string> tags;
  std::vector<Attribute> attributes;
  std::vector<std::string> security_labels;
  std::int64_t date_added = 0;
  std::int64_t last_modified = 0;
  std::vector<std::int64_t> group_ids;  // groups associated with it (an `association[]` entry), both ways
};

enum class WriteType { kAppend, kReplace, kSingleton, kStatic };
enum class BatchAction { kCreate, kDelete };
enum class JobState { kCreated, kQueued, kRunning, kCompleted };

struct BatchSettings {
  std::int64_t owner_id = 0;
  bool halt_on_error = false;
  BatchAction action = BatchAction::kCreate;
  WriteType attribute_write = WriteType::kReplace;
  WriteType tag_write = WriteType::kReplace;             // API default (docs/threatconnect.md, Job settings)
  WriteType security_label_write = WriteType::kReplace;  // API default
};

struct BatchError {
  std::string reason;
  std::string source;
};

struct Job {
  std::int64_t id = 0;
  BatchSettings settings;
  JobState state = JobState::kCreated;
  int running_polls_left = 0;
  std::optional<JobTimes> modelled;  // with --job-rate: Queued, Running, Completed by the clock
  std::int64_t success_count = 0;
  std::int64_t error_count = 0;
  std::int64_t unprocess_count = 0;
  std::vector<BatchError> errors;
};

const char* job_state_name(JobState state);

class Store {
 public:
  explicit Store(const std::vector<OwnerSpec>& owners);

  const std::vector<Owner>& owners() const { return owners_; }
  const Owner* find_owner(std::string_view name) const;
  const Owner* find_owner(std::int64_t id) const;

  // Indicators in id order (pagination is stable across pages).
  const std::map<std::int64_t, StoredIndicator>& indicators() const { return indicators_; }
  StoredIndicator* find_indicator(std::int64_t owner_id, const IndicatorType& type, std::string_view summary);
  // Creates an indicator for (owner, type, summary); `created` says whether it is new.
  StoredIndicator& upsert(std::int64_t owner_id, const IndicatorType& type, std::string summary, std::int64_t now,
                          bool& created);
  bool erase_indicator(std::int64_t owner_id, const IndicatorType& type, std::string_view summary);

  // Groups in id order.
  const std::map<std::int64_t, StoredGroup>& groups() const { return groups_; }
  const StoredGroup* find_group(std::int64_t id) const;
  StoredGroup* find_group_by_xid(std::string_view xid);
  // The group with `xid`, created in `owner_id` when new (`created` says so).
  StoredGroup& upsert_group(std::int64_t owner_id, std::string xid, std::int64_t now, bool& created);

  Job& create_job(const BatchSettings& settings);
  Job* find_job(std::int64_t id);

  void reset();

 private:
  static std::string key_of(std::int64_t owner_id, const IndicatorType& type, std::string_view summary);

  std::vector<Owner> owners_;
  std::map<std::int64_t, StoredIndicator> indicators_;
  std::unordered_map<std::string, std::int64_t> index_;
  std::map<std::int64_t, Job> jobs_;
  std::map<std::int64_t, StoredGroup> groups_;
  std::unordered_map<std::string, std::int64_t> group_index_;  // xid → id
  std::int64_t next_group_id_ = 1;
  std::int64_t next_indicator_id_ = 1;
  std::int64_t next_job_id_ = 1;
};

}  // namespace tcfeed::sandbox
