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
  // Called with a new job's id before its data is uploaded, so a durable caller can record it and,
  // after a crash, poll the job instead of creating it again (DESIGN §3).
  using JobCreated = std::function<void(std::int64_t job_id)>;

  BatchSender(threatconnect::ApiClient& api, const config::BatchConfig& batch, Sleep sleep = {});

  // Sends `items` in jobs with `settings` (owner and write types), adding to `counters`; returns
  // the platform's rejections.
  std::vector<Rejection> deliver(const threatconnect::BatchSettings& settings,
                                 std::span<const indicators::Indicator> items, RunCounters& counters);

  void on_progress(Progress progress) { progress_ = std::move(progress); }
  void on_job_created(JobCreated hook) { job_created_ = std::move(hook); }

private:
  void send_document(const threatconnect::BatchSettings& settings, std::span<const indicators::Indicator> slice,
                     std::size_t max_indicators, std::string document, RunCounters& counters,
                     std::vector<Rejection>& rejections);
  threatconnect::BatchStatus wait_for_completion(std::int64_t job_id);
  void upload(std::int64_t job_id, std::string document);

  threatconnect::ApiClient& api_;
  const config::BatchConfig& batch_;
  Sleep sleep_;
  Progress progress_;
  JobCreated job_created_;
};

}  // namespace tcfeed::pipeline
