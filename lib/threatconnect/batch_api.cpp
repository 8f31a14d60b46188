#include "lib/threatconnect/batch_api.hpp"

#include <simdjson.h>

#include <random>

#include "lib/core/gzip.hpp"

namespace tcfeed::threatconnect {
namespace {

constexpr std::size_t kMaxErrorsBytes = 256u << 20;

simdjson::dom::element parse_json(simdjson::dom::parser& parser, const std::string& body, std::string_view context) {
  simdjson::dom::element root;
  if (parser.parse(body).get(root)) {
    throw ApiError(200, "answer is not JSON", std::string(context));
  }
  return root;
}

std::int64_t int_field(simdjson::dom::element object, const char* name) {
  std::int64_t value = 0;
  if (object[name].get(value)) {
    double real = 0;
    if (!object[name].get(real)) value = static_cast<std::int64_t>(real);
  }
  return value;
}

BatchStatus read_status(simdjson::dom::element status_object) {
  BatchStatus status;
  status.id = int_field(status_object, "id");
  std::string_view text;
  if (!status_object["status"].get(text)) status.status = parse_job_status(text);
  status.success_count = int_field(status_object, "successCount");
  status.error_count = int_field(status_object, "errorCount");
  status.unprocess_count = int_field(status_object, "unprocessCount");
  return status;
}

}  // namespace

JobStatus parse_job_status(std::string_view text) {
  if (text == "Created") return JobStatus::Created;
  if (text == "Queued") return JobStatus::Queued;
  if (text == "Running") return JobStatus::Running;
  if (text == "Completed") return JobStatus::Completed;
  return JobStatus::Unknown;
}

std::int64_t create_batch_job(ApiClient& api, std::string_view settings) {
  const auto response = api.send_ok("POST", "/v2/batch", std::string(settings), "application/json; charset=utf-8");
  simdjson::dom::parser parser;
  const auto root = parse_json(parser, response.body, "POST /v2/batch");
  std::int64_t id = 0;
  if (root["data"]["batchId"].get(id)) {
    throw ApiError(response.status, "answer has no data.batchId", "POST /v2/batch");
  }
  return id;
}

void upload_batch(ApiClient& api, std::int64_t job_id, std::string document) {
  api.send_ok("POST", "/v2/batch/" + std::to_string(job_id), std::move(document), "application/octet-stream");
}

BatchStatus create_and_upload(ApiClient& api, std::string_view settings, std::string document) {
  // Each part as requests encodes it (docs/threatconnect.md, createAndUpload): a name, a filename, no type.
  std::random_device random;
  const std::string boundary = "tcfeed-" + std::to_string(random()) + std::to_string(random());
  std::string body;
  body.reserve(document.size() + 512);
  const auto part = [&](const char* name, std::string_view content) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name +
            "\"\r\n\r\n";
    body += content;
    body += "\r\n";
  };
  part("config", settings);
  part("content", document);
  body += "--" + boundary + "--\r\n";
  const auto response =
      api.send_ok("POST", "/v2/batch/createAndUpload", std::move(body), "multipart/form-data; boundary=" + boundary);
  simdjson::dom::parser parser;
  const auto root = parse_json(parser, response.body, "POST /v2/batch/createAndUpload");
  simdjson::dom::element status_object;
  if (root["data"]["batchStatus"].get(status_object)) {
    throw ApiError(response.status, "answer has no data.batchStatus", "POST /v2/batch/createAndUpload");
  }
  return read_status(status_object);
}

BatchStatus batch_status(ApiClient& api, std::int64_t job_id) {
  const std::string endpoint = "/v2/batch/" + std::to_string(job_id);
  const auto response = api.send_ok("GET", endpoint);
  simdjson::dom::parser parser;
  const auto root = parse_json(parser, response.body, "GET " + endpoint);
  simdjson::dom::element status_object;
  if (root["data"]["batchStatus"].get(status_object)) {
    throw ApiError(response.status, "answer has no data.batchStatus", "GET " + endpoint);
  }
  BatchStatus status = read_status(status_object);
  if (status.id == 0) status.id = job_id;
  return status;
}

std::vector<BatchErrorItem> batch_errors(ApiClient& api, std::int64_t job_id) {
  const std::string endpoint = "/v2/batch/" + std::to_string(job_id) + "/errors";
  const auto response = api.send_ok("GET", endpoint, {}, {}, ApiClient::NotFound::Return);
  if (response.status == 404) return {};
  std::string body = response.body;
  if (looks_gzipped(body)) {
    std::string error;
    auto plain = gunzip(body, kMaxErrorsBytes, error);
    if (!plain) throw ApiError(response.status, "errors document: " + error, "GET " + endpoint);
    body = std::move(*plain);
  }
  simdjson::dom::parser parser;
  const auto root = parse_json(parser, body, "GET " + endpoint);
  simdjson::dom::array items;
  if (root.get(items)) throw ApiError(response.status, "errors document is not a JSON array", "GET " + endpoint);
  std::vector<BatchErrorItem> errors;
  for (auto item : items) {
    BatchErrorItem error;
    std::string_view text;
    if (!item["errorReason"].get(text)) error.reason = std::string(text);
    if (!item["errorSource"].get(text)) error.source = std::string(text);
    errors.push_back(std::move(error));
  }
  return errors;
}

bool is_upload_too_large(const ApiError& error) {
  return error.status() == 400 &&
         error.platform_message().find("File size greater than allowable limit") != std::string::npos;
}

}  // namespace tcfeed::threatconnect
