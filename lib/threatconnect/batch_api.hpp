#pragma once
// The v2 Batch API (docs/threatconnect.md, Batch jobs): create a job, upload its document, poll its status,
// read its errors.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/threatconnect/api_client.hpp"
#include "lib/threatconnect/batch_settings.hpp"

namespace tcfeed::threatconnect {

// Where a batch job is: Created (no data yet) → Queued (uploaded) → Running → Completed. Unknown: the
// answer named none of these, so the job is polled again as if still running.
enum class JobStatus { Unknown, Created, Queued, Running, Completed };

// The platform's `status` text as a JobStatus: the one place that reads the wire names.
JobStatus parse_job_status(std::string_view text);

struct BatchStatus {
  std::int64_t id = 0;
  JobStatus status = JobStatus::Unknown;
  std::int64_t success_count = 0;
  std::int64_t error_count = 0;
  std::int64_t unprocess_count = 0;

  bool completed() const { return status == JobStatus::Completed; }
};

struct BatchErrorItem {
  std::string reason;  // errorReason
  std::string source;  // errorSource: the rejected item as the platform quotes it
};

// POST /v2/batch with the job settings (settings_json()) → the job id.
std::int64_t create_batch_job(ApiClient& api, std::string_view settings);
// POST /v2/batch/{id} with the document as application/octet-stream.
void upload_batch(ApiClient& api, std::int64_t job_id, std::string document);
// POST /v2/batch/createAndUpload (multipart): one call, after a crash possibly sent twice.
BatchStatus create_and_upload(ApiClient& api, std::string_view settings, std::string document);
// GET /v2/batch/{id}
BatchStatus batch_status(ApiClient& api, std::int64_t job_id);
// GET /v2/batch/{id}/errors (gzip'd JSON; 404 means none).
std::vector<BatchErrorItem> batch_errors(ApiClient& api, std::int64_t job_id);

// True for the platform's "File size greater than allowable limit" answer: split and resend.
bool is_upload_too_large(const ApiError& error);

}  // namespace tcfeed::threatconnect
