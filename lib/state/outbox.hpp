#pragma once
// The outbox as the batch sender sees it: batches waiting for (or in) a ThreatConnect batch job,
// and the indicators the platform rejected.
#include <cstdint>
#include <optional>
#include <string>

namespace tcfeed::state {

struct OutboxBatch {
  std::int64_t id = 0;
  std::string connector, owner;
  std::string settings_json;  // the batch job settings (owner, action, write types)
  std::string document;       // the upload body, {"indicator":[...]}
  std::int64_t indicators = 0;
  // Set once the job was created, committed before the upload: after a crash the job is polled,
  // not created again.
  std::optional<std::int64_t> job_id;
  bool uploaded = false;  // the job received its data: after a crash, poll only
  int attempts = 0;
  std::int64_t next_attempt_unix = 0;
  std::string last_error;
  std::int64_t created_unix = 0;
};

// As the first member of an aggregate, makes positional initialization fail to compile while
// designated initializers ({.reason = ..., .at_unix = ...}) and member-wise assignment still work:
// a positional list of several strings in a row compiles just as well with two of them swapped.
struct NamedFieldsOnly {
  explicit NamedFieldsOnly() = default;
};

struct DeadLetter {
  [[no_unique_address]] NamedFieldsOnly named_fields_only{};
  std::int64_t id = 0;
  // Left empty by the sender, complete_batch fills them from the batch.
  std::string connector{}, owner{}, settings_json{};
  std::string indicator_json{};  // the indicator object as it was sent, so requeue can resend it
  std::string reason{};          // the platform's
  std::int64_t at_unix = 0;
};

struct OwnerBacklog {
  std::string owner;
  std::int64_t batches = 0, indicators = 0;
  std::optional<std::int64_t> oldest_created_unix;
  std::int64_t dead_letters = 0;
};

}  // namespace tcfeed::state
