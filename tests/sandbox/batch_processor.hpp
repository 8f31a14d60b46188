#pragma once
// What the platform does with a batch job: settings checks (docs/threatconnect.md, Job settings) and the per-indicator
// processing of an uploaded document (Upload document) — validate, then upsert or delete.
#include <cstdint>
#include <optional>
#include <string_view>

#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

// Parses the job settings JSON; on a problem returns the response to send (400 for a missing or
// malformed field, 403 for an owner the API user cannot see).
std::optional<Response> parse_batch_settings(std::string_view json, const Store& store, BatchSettings& settings);

// Processes `document` into the store and fills the job's counts and errors. The job's state is
// the caller's business (the status endpoint makes Queued → Running → Completed visible).
void process_batch(Store& store, Job& job, std::string_view document, std::int64_t now);

}  // namespace tcfeed::sandbox
