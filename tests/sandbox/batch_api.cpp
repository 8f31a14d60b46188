// /v2/batch: create job, upload, status, errors, createAndUpload (docs/threatconnect.md, Batch jobs).
#include <charconv>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/batch_processor.hpp"
#include "tests/sandbox/gzip.hpp"
#include "tests/sandbox/multipart.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {
namespace {

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, id);
  if (text.empty() || result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return id;
}

Response upload_too_large(const ApiContext& context) {
  return invalid(400, "File size greater than allowable limit of " + std::to_string(context.options.max_upload));
}

std::optional<Response> access_problem(const ApiContext& context, std::int64_t owner_id) {
  const Owner* owner = context.store.find_owner(owner_id);
  if (owner == nullptr) return failure(403, "Access Denied: unknown owner");
  return batch_access_problem(*owner, context.denied_owners);
}

void write_batch_status(JsonWriter& json, const Job& job, bool include_additional) {
  json.begin_object().key("id").value(job.id).key("status").value(job_state_name(job.state));
  if (job.state == JobState::kCompleted) {
    json.key("errorCount").value(job.error_count);
    json.key("successCount").value(job.success_count);
    json.key("unprocessCount").value(job.unprocess_count);
    if (include_additional) {
      // Only indicators are modelled; group/association errors come from unsupported items.
      std::int64_t indicator_errors = 0;
      for (const auto& error : job.errors) {
        if (error.reason.starts_with("Invalid Indicator")) ++indicator_errors;
      }
      json.key("errorIndicatorCount").value(indicator_errors);
      json.key("errorGroupCount").value(job.error_count - indicator_errors);
      json.key("successIndicatorCount").value(job.success_count);
      json.key("successGroupCount").value(0);
      json.key("successAssociationCount").value(0);
      json.key("errorAssociationCount").value(0);
      json.key("unprocessIndicatorCount").value(job.unprocess_count);
    }
  }
  json.end_object();
}

Response batch_status_response(int status, const Job& job, bool include_additional) {
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("status").value("Success").key("data").begin_object().key("batchStatus");
  write_batch_status(json, job, include_additional);
  json.end_object().end_object();
  return json_response(status, std::move(body));
}

bool include_additional(const Request& request) {
  return query_param(request.query(), "includeAdditional").value_or("") == "true";
}

Response create_job(ApiContext& context, const Request& request) {
  BatchSettings settings;
  if (auto problem = parse_batch_settings(request.body, context.store, settings)) return *problem;
  if (auto problem = access_problem(context, settings.owner_id)) return *problem;
  const Job& job = context.store.create_job(settings);
  std::string body;
  JsonWriter json(body);
  json.begin_object()
      .key("status")
      .value("Success")
      .key("data")
      .begin_object()
      .key("batchId")
      .value(job.id)
      .end_object()
      .end_object();
  return json_response(201, std::move(body));
}

Response upload(ApiContext& context, const Request& request, Job& job) {
  const auto content_type = request.header("content-type").value_or("");
  if (!content_type.starts_with("application/octet-stream")) {
    return invalid(400, "Batch data must be sent as Content-Type application/octet-stream");
  }
  // An owner denied after the job was created stops at the upload too.
  if (auto problem = access_problem(context, job.settings.owner_id)) return *problem;
  if (static_cast<std::int64_t>(request.body.size()) > context.options.max_upload) {
    return upload_too_large(context);
  }
  if (job.state != JobState::kCreated) {
    return invalid(400, "Batch job " + std::to_string(job.id) + " already received its data");
  }
  // Processed at once; the status endpoint still walks Queued → Running → Completed so clients
  // exercise their polling.
  process_batch(context.store, job, request.body, request.now);
  job.state = JobState::kQueued;
  job.running_polls_left = context.options.running_polls;
  if (context.job_model) {
    const std::int64_t items = job.success_count + job.error_count + job.unprocess_count;
    job.modelled = context.job_model->schedule(job.settings.owner_id, items, JobModel::steady_now_ms());
  }
  return json_response(202, R"({"status":"Queued"})");
}

Response status(const Request& request, Job& job) {
  if (job.modelled && (job.state == JobState::kQueued || job.state == JobState::kRunning)) {
    const std::int64_t now = JobModel::steady_now_ms();
    if (now >= job.modelled->completes_at_ms) {
      job.state = JobState::kCompleted;
    } else if (now >= job.modelled->starts_at_ms) {
      job.state = JobState::kRunning;
    }
  } else if (job.state == JobState::kQueued || job.state == JobState::kRunning) {
    if (job.running_polls_left > 0) {
      --job.running_polls_left;
      job.state = JobState::kRunning;
    } else {
      job.state = JobState::kCompleted;
    }
  }
  return batch_status_response(200, job, include_additional(request));
}

Response errors(const Job& job) {
  if (job.state != JobState::kCompleted) {
    return invalid(400, std::string("Batch still in ") + job_state_name(job.state) + " state");
  }
  if (job.errors.empty()) return failure(404, "No errors found for batch job " + std::to_string(job.id));
  std::string document;
  JsonWriter json(document);
  json.begin_array();
  for (const auto& error : job.errors) {
    json.begin_object().key("errorReason").value(error.reason).key("errorSource").value(error.source).end_object();
  }
  json.end_array();
  Response response;
  response.content_type = "application/octet-stream";
  // The platform's errors arrive gzip'd and tcex reads them as text (docs/threatconnect.md, Job errors), i.e. its HTTP
  // layer inflated them: so the body is gzip and says so in Content-Encoding.
  response.headers.emplace_back("Content-Encoding", "gzip");
  response.body = gzip_compress(document);
  return response;
}

Response create_and_upload(ApiContext& context, const Request& request) {
  const auto boundary = multipart_boundary(request.header("content-type").value_or(""));
  if (!boundary) return failure(400, "createAndUpload expects multipart/form-data");
  const auto parts = parse_multipart(request.body, *boundary);
  if (!parts) return failure(400, "Malformed multipart/form-data body");
  const FormPart* config = nullptr;
  const FormPart* content = nullptr;
  for (const auto& part : *parts) {
    if (part.name == "config") config = &part;
    if (part.name == "content") content = &part;
  }
  if (config == nullptr || content == nullptr) {
    return failure(400, "createAndUpload needs the parts \"config\" and \"content\"");
  }
  BatchSettings settings;
  if (auto problem = parse_batch_settings(config->body, context.store, settings)) return *problem;
  if (auto problem = access_problem(context, settings.owner_id)) return *problem;
  if (static_cast<std::int64_t>(content->body.size()) > context.options.max_upload) {
    return upload_too_large(context);
  }
  Job& job = context.store.create_job(settings);
  process_batch(context.store, job, content->body, request.now);
  // Below the platform's synchronousBatchSaveLimit the answer carries the final status
  // (docs/threatconnect.md, createAndUpload).
  job.state = JobState::kCompleted;
  return batch_status_response(200, job, include_additional(request));
}

}  // namespace

Response handle_batch(ApiContext& context, const Request& request, Segments segments) {
  if (segments.empty()) {
    if (request.method == "POST") return create_job(context, request);
    return failure(405, "Use POST to create a batch job");
  }
  if (segments.size() == 1 && segments[0] == "createAndUpload") {
    if (request.method == "POST") return create_and_upload(context, request);
    return failure(405, "Use POST for createAndUpload");
  }
  const auto id = parse_id(segments[0]);
  Job* job = id ? context.store.find_job(*id) : nullptr;
  if (job == nullptr) return failure(404, "Batch job not found: " + segments[0]);
  if (segments.size() == 1 && request.method == "POST") return upload(context, request, *job);
  if (segments.size() == 1 && request.method == "GET") return status(request, *job);
  if (segments.size() == 2 && segments[1] == "errors" && request.method == "GET") return errors(*job);
  return failure(404, "Unknown batch endpoint");
}

}  // namespace tcfeed::sandbox
