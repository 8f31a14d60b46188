#include "tests/sandbox/router.hpp"

#include <ctime>
#include <exception>
#include <string>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/auth.hpp"
#include "tests/sandbox/http_date.hpp"
#include "tests/sandbox/indicator_control.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {
namespace {

Response json_of(const auto& writer_function) {
  std::string body;
  JsonWriter json(body);
  writer_function(json);
  return json_response(200, std::move(body));
}

Reply answer(Response response) {
  Reply reply;
  reply.response = std::move(response);
  return reply;
}

}  // namespace

Router::Router(const Options& options, Store& store, Stats& stats)
    : options_(options), store_(store), stats_(stats), faults_(options) {
  if (options.job_rate > 0) job_model_.emplace(options.job_rate, options.max_running_jobs);
}

std::string Router::date_header() const {
  return format_http_date(static_cast<std::int64_t>(std::time(nullptr)) + faults_.clock_offset());
}

Reply Router::handle(Request request) {
  ++stats_.requests;
  const auto arrival = std::chrono::steady_clock::now();
  request.now += faults_.clock_offset();
  if (request.path() == "/_sandbox/generate" && request.method == "GET") {
    // A feed body of any size for the hostile-input tests, produced as it is sent.
    Reply reply = answer(Response{200, "text/plain", {}, {}});
    const auto bytes = query_param(request.query(), "bytes");
    try {
      reply.generate_bytes = bytes ? std::stoull(*bytes) : 0;
    } catch (const std::exception&) {
      return answer(failure(400, "bytes: expected a number"));
    }
    return reply;
  }
  if (request.path().starts_with("/_sandbox/")) return answer(control(request));
  Reply reply = route(request);
  stats_.record({std::chrono::duration_cast<std::chrono::milliseconds>(arrival - started_).count(), request.method,
                 std::string(request.path()), reply.response.status, reply.cut_after.has_value(), reply.detail});
  return reply;
}

Reply Router::route(const Request& request) {
  const std::string_view path = request.path();
  const bool taxii = path.starts_with("/taxii2/");
  const bool misp = path.starts_with("/misp/");
  const bool file =
      taxii || misp || (path.starts_with("/files/") && (request.method == "GET" || request.method == "HEAD"));
  const std::string_view base = options_.base_path;
  if (!file) {
    if (!path.starts_with(base) || (path.size() > base.size() && path[base.size()] != '/')) {
      return answer(failure(404, "Not found"));
    }
    AuthOutcome outcome = authenticate(
        {request.method, request.target, request.header("authorization"), request.header("timestamp"), request.now},
        options_.credentials, options_.token);
    if (outcome == AuthOutcome::kOk && faults_.bad_signature()) {
      const bool token = request.header("authorization").value_or("").starts_with("TC-Token ");
      outcome = token ? AuthOutcome::kTokenRejected : AuthOutcome::kSignatureMismatch;
    }
    if (outcome != AuthOutcome::kOk) return answer(failure(401, auth_failure_message(outcome)));
  }
  FaultDecision fault = faults_.decide(request.method, path, request.now);
  Reply reply;
  reply.delay = fault.delay;
  reply.cut_after = fault.cut_after;
  reply.trickle = fault.trickle;
  if (fault.response) {
    reply.response = std::move(*fault.response);
  } else if (misp) {
    MispAnswer misp_answer = handle_misp(options_, request, path.substr(6));
    reply.response = std::move(misp_answer.response);
    reply.delay += misp_answer.delay;
    reply.detail = std::move(misp_answer.detail);
  } else if (taxii) {
    reply.response = handle_taxii(options_, request, path.substr(8));
  } else if (file) {
    reply.response = handle_file(options_, request, path.substr(7));
  } else {
    reply.response = dispatch_api(request, path.substr(base.size()));
  }
  return reply;
}

Response Router::dispatch_api(const Request& request, std::string_view api_path) {
  const auto segments = path_segments(api_path);
  const Segments all(segments);
  ApiContext context{options_, store_, faults_.denied_owners(), job_model_ ? &*job_model_ : nullptr};
  if (segments.size() >= 2 && segments[0] == "v2") {
    if (segments[1] == "owners") return handle_owners(context, request, all.subspan(2));
    if (segments[1] == "batch") return handle_batch(context, request, all.subspan(2));
    if (segments[1] == "indicators") return handle_indicators(context, request, all.subspan(2));
  }
  if (segments.size() >= 2 && segments[0] == "v3") {
    if (segments[1] == "indicators") return handle_v3_indicators(context, request, all.subspan(2));
    if (segments[1] == "tags") return handle_v3_tags(context, request, all.subspan(2));
    if (segments[1] == "groups") return handle_v3_groups(context, request, all.subspan(2));
    if (segments.size() >= 3 && segments[1] == "security" && segments[2] == "owners") {
      return handle_v3_owners(context, request, all.subspan(3));
    }
  }
  return failure(404, "tcfeed-sandbox does not implement this endpoint");
}

Response Router::control(const Request& request) {
  const std::string_view path = request.path();
  const std::string_view method = request.method;
  if (path == "/_sandbox/stats" && method == "GET") {
    return json_of([&](JsonWriter& json) { stats_.write_json(json); });
  }
  if (path == "/_sandbox/stats" && method == "DELETE") {
    stats_.clear_log();
    return json_response(200, R"({"status":"Success"})");
  }
  if (path == "/_sandbox/reset" && method == "POST") {
    store_.reset();
    return json_response(200, R"({"status":"Success"})");
  }
  if (path == "/_sandbox/indicators" && method == "POST") return control_indicators(store_, request, request.now);
  if (path == "/_sandbox/faults") {
    if (method == "GET") return json_of([&](JsonWriter& json) { faults_.write_json(json); });
    if (method == "DELETE") {
      faults_.clear();
      return json_response(200, R"({"status":"Success"})");
    }
    if (method == "POST") {
      if (auto error = faults_.apply_json(request.body)) return failure(400, *error);
      return json_of([&](JsonWriter& json) { faults_.write_json(json); });
    }
  }
  return failure(404, "Unknown sandbox control endpoint");
}

}  // namespace tcfeed::sandbox
