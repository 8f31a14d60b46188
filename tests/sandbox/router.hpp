#pragma once
// Maps a request to a handler: sandbox control endpoints (/_sandbox/...) without auth and without
// logging; /files without auth; everything under the base path authenticated first (on the server
// clock, offset by the faults), then offered to the fault injector, then to the API. Every
// request but the control ones lands in the stats log.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "tests/sandbox/faults.hpp"
#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/job_model.hpp"
#include "tests/sandbox/options.hpp"
#include "tests/sandbox/stats.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

struct Reply {
  Response response;
  std::chrono::milliseconds delay{0};
  // Send the header and this many body bytes, then close; -1 closes without answering.
  std::optional<std::int64_t> cut_after;
};

class Router {
 public:
  Router(const Options& options, Store& store, Stats& stats);

  // `request.now` is the machine clock; the router moves it by the fault clock offset.
  Reply handle(Request request);

  // The Date header value now: IMF-fixdate of the (offset) server clock.
  std::string date_header() const;

 private:
  Reply route(const Request& request);
  Response dispatch_api(const Request& request, std::string_view api_path);
  // /_sandbox/stats, /_sandbox/reset, /_sandbox/faults
  Response control(const Request& request);

  const Options& options_;
  Store& store_;
  Stats& stats_;
  FaultInjector faults_;
  std::optional<JobModel> job_model_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace tcfeed::sandbox
