#pragma once
// Maps a request to a handler: sandbox control endpoints and /files without auth; everything under
// the base path authenticated first, then offered to the fault injector, then to the API.
#include <chrono>
#include <cstdint>

#include "tests/sandbox/faults.hpp"
#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/options.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

struct Stats {
  std::int64_t connections = 0;  // accepted TCP connections (counted by the server)
  std::int64_t requests = 0;
};

struct Reply {
  Response response;
  std::chrono::milliseconds delay{0};
  bool cut_connection = false;
};

class Router {
public:
  Router(const Options& options, Store& store, Stats& stats);

  Reply handle(const Request& request);

private:
  Response dispatch_api(const Request& request, std::string_view api_path);

  const Options& options_;
  Store& store_;
  Stats& stats_;
  FaultInjector faults_;
};

}  // namespace tcfeed::sandbox
