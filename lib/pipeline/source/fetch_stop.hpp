#pragma once
// The stop of the poll running on this thread. The engine opens a FetchStopScope around each poll
// with its own stop token, and source_request() hands that token to the download, so a daemon
// that stops cuts a download in flight at once instead of waiting for a slow source. Carried by
// the thread rather than through the Connector contract: a connector never has to pass it on, and
// cannot forget to.
#include <stop_token>

namespace tcfeed::pipeline {

class FetchStopScope {
 public:
  explicit FetchStopScope(std::stop_token stop);
  ~FetchStopScope();
  FetchStopScope(const FetchStopScope&) = delete;
  FetchStopScope& operator=(const FetchStopScope&) = delete;

 private:
  std::stop_token previous_;
};

// The innermost scope's token on this thread; a token that never stops outside any scope
// (`run --once`, tests, other commands).
std::stop_token current_fetch_stop();

}  // namespace tcfeed::pipeline
