#pragma once
// Delivers one owner's indicators as batch jobs (DESIGN §3): create the job, upload, poll to
// Completed with a growing interval, then count what the platform stored and fetch the reason
// for each indicator it refused. An upload the platform finds too large is split and resent.
#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/indicators/indicator.hpp"
#include "lib/pipeline/counters.hpp"
#include "lib/threatconnect/api_client.hpp"
#include "lib/threatconnect/batch_api.hpp"

namespace tcfeed::pipeline {

struct Rejection {
  std::string owner;
  std::string reason;
  std::string source;
};

class BatchSender {
public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Progress = std::function<void(const threatconnect::BatchStatus&)>;

  BatchSender(threatconnect::ApiClient& api, const config::BatchConfig& batch, Sleep sleep = {});

  // Sends `items` to `owner`, adding to `counters`; returns the platform's rejections.
  std::vector<Rejection> deliver(const std::string& owner, std::span<const indicators::Indicator> items,
                                 RunCounters& counters);

  void on_progress(Progress progress) { progress_ = std::move(progress); }

private:
  void send_document(const threatconnect::BatchSettings& settings, std::span<const indicators::Indicator> slice,
                     std::size_t max_indicators, std::string document, RunCounters& counters,
                     std::vector<Rejection>& rejections);
  threatconnect::BatchStatus wait_for_completion(std::int64_t job_id);

  threatconnect::ApiClient& api_;
  const config::BatchConfig& batch_;
  Sleep sleep_;
  Progress progress_;
};

}  // namespace tcfeed::pipeline
