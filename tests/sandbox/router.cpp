#include "tests/sandbox/router.hpp"

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/auth.hpp"
#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {

Router::Router(const Options& options, Store& store, Stats& stats)
    : options_(options), store_(store), stats_(stats), faults_(options) {}

Reply Router::handle(const Request& request) {
  ++stats_.requests;
  const std::string_view path = request.path();
  if (path == "/_sandbox/stats" && request.method == "GET") {
    std::string body;
    JsonWriter json(body);
    json.begin_object().key("connections").value(stats_.connections)
        .key("requests").value(stats_.requests).end_object();
    return {json_response(200, std::move(body))};
  }
  if (path == "/_sandbox/reset" && request.method == "POST") {
    store_.reset();
    return {json_response(200, R"({"status":"Success"})")};
  }
  if (path.starts_with("/files/") && (request.method == "GET" || request.method == "HEAD")) {
    return {handle_file(options_, request, path.substr(7))};
  }
  const std::string_view base = options_.base_path;
  if (!path.starts_with(base) || (path.size() > base.size() && path[base.size()] != '/')) {
    return {failure(404, "Not found")};
  }
  const AuthOutcome outcome = authenticate(
      {request.method, request.target, request.header("authorization"), request.header("timestamp"),
       request.now},
      options_.credentials, options_.token);
  if (outcome != AuthOutcome::kOk) return {failure(401, auth_failure_message(outcome))};

  FaultDecision fault = faults_.on_authenticated_request(request);
  Reply reply;
  reply.delay = fault.delay;
  reply.cut_connection = fault.cut_connection;
  reply.response = fault.response ? std::move(*fault.response) : dispatch_api(request, path.substr(base.size()));
  return reply;
}

Response Router::dispatch_api(const Request& request, std::string_view api_path) {
  const auto segments = path_segments(api_path);
  const Segments all(segments);
  ApiContext context{options_, store_};
  if (segments.size() >= 2 && segments[0] == "v2") {
    if (segments[1] == "owners") return handle_owners(context, request, all.subspan(2));
    if (segments[1] == "batch") return handle_batch(context, request, all.subspan(2));
    if (segments[1] == "indicators") return handle_indicators(context, request, all.subspan(2));
  }
  return failure(404, "tcfeed-sandbox does not implement this endpoint");
}

}  // namespace tcfeed::sandbox
