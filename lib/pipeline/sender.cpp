#include "lib/pipeline/sender.hpp"

#include <algorithm>
#include <thread>

#include <spdlog/spdlog.h>

#include "lib/pipeline/batch_split.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::chrono::milliseconds kLongestPoll{20'000};

}  // namespace

BatchSender::BatchSender(threatconnect::ApiClient& api, const config::BatchConfig& batch, Sleep sleep)
    : api_(api), batch_(batch), sleep_(sleep ? std::move(sleep) : Sleep([](std::chrono::milliseconds wait) {
                                  std::this_thread::sleep_for(wait);
                                })) {}

std::vector<Rejection> BatchSender::deliver(const threatconnect::BatchSettings& settings,
                                            std::span<const indicators::Indicator> items, RunCounters& counters) {
  std::vector<Rejection> rejections;
  split_into_documents(
      items, static_cast<std::size_t>(batch_.max_indicators), static_cast<std::size_t>(batch_.max_bytes),
      [&](std::string&& document, std::size_t first, std::size_t count) {
        send_document(settings, items.subspan(first, count), static_cast<std::size_t>(batch_.max_indicators),
                      std::move(document), counters, rejections);
      },
      [&](const indicators::Indicator& indicator) {
        ++counters.rejected["larger than batch.max_bytes on its own"];
        spdlog::warn("owner '{}': {} indicator of {} bytes exceeds batch.max_bytes; skipped", settings.owner,
                     indicators::type_name(indicator.type), indicator.value.size());
      });
  return rejections;
}

void BatchSender::send_document(const threatconnect::BatchSettings& settings,
                                std::span<const indicators::Indicator> slice, std::size_t max_indicators,
                                std::string document, RunCounters& counters, std::vector<Rejection>& rejections) {
  threatconnect::BatchStatus status;
  try {
    if (batch_.mode == config::BatchMode::CreateAndUpload) {
      status = threatconnect::create_and_upload(api_, settings, std::move(document));
    } else {
      const std::int64_t job_id = threatconnect::create_batch_job(api_, settings);
      if (job_created_) job_created_(job_id);
      upload(job_id, std::move(document));
      status.id = job_id;
    }
  } catch (const threatconnect::ApiError& error) {
    if (threatconnect::is_upload_too_large(error) && slice.size() > 1) {
      // The instance's upload limit is below batch.max_bytes: halve and resend both parts.
      const std::size_t half = std::max<std::size_t>(1, std::min(max_indicators, slice.size()) / 2);
      spdlog::warn("owner '{}': upload of {} indicators too large for the platform; splitting", settings.owner,
                   slice.size());
      split_into_documents(
          slice, half, static_cast<std::size_t>(batch_.max_bytes),
          [&](std::string&& part, std::size_t first, std::size_t count) {
            send_document(settings, slice.subspan(first, count), half, std::move(part), counters, rejections);
          },
          [&](const indicators::Indicator&) { ++counters.rejected["larger than batch.max_bytes on its own"]; });
      return;
    }
    throw;
  }
  ++counters.jobs;
  if (!status.completed()) status = wait_for_completion(status.id);
  counters.delivered += static_cast<std::size_t>(status.success_count);
  counters.undelivered += static_cast<std::size_t>(status.unprocess_count);
  if (status.error_count > 0) {
    counters.rejected_by_platform += static_cast<std::size_t>(status.error_count);
    for (auto& error : threatconnect::batch_errors(api_, status.id)) {
      spdlog::warn("owner '{}': platform rejected {}: {}", settings.owner, error.source, error.reason);
      rejections.push_back({settings.owner, std::move(error.reason), std::move(error.source)});
    }
  }
  const auto accounted = status.success_count + status.error_count + status.unprocess_count;
  if (accounted < static_cast<std::int64_t>(slice.size())) {
    // The platform's counts cover fewer indicators than were sent: owed, not silently lost.
    counters.undelivered += slice.size() - static_cast<std::size_t>(accounted);
  }
}

void BatchSender::upload(std::int64_t job_id, std::string document) {
  try {
    threatconnect::upload_batch(api_, job_id, std::move(document));
  } catch (const threatconnect::StopError&) {
    throw;
  } catch (const std::exception&) {
    // A retried upload whose first attempt did arrive (only its answer was lost) is refused as a
    // second upload; the job's state tells: past Created, the platform has the data.
    try {
      if (threatconnect::batch_status(api_, job_id).status != "Created") return;
    } catch (const std::exception&) {
    }
    throw;
  }
}

threatconnect::BatchStatus BatchSender::wait_for_completion(std::int64_t job_id) {
  const auto deadline = std::chrono::steady_clock::now() + batch_.poll_timeout;
  std::chrono::milliseconds wait = std::max(std::chrono::milliseconds(1), batch_.poll_interval);
  while (true) {
    sleep_(wait);
    threatconnect::BatchStatus status = threatconnect::batch_status(api_, job_id);
    if (progress_) progress_(status);
    if (status.completed()) return status;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("batch job " + std::to_string(job_id) + " not completed within " +
                               std::to_string(batch_.poll_timeout.count() / 1000) + " s (last status " +
                               status.status + ")");
    }
    wait = std::min(kLongestPoll, wait + wait / 2);
  }
}

}  // namespace tcfeed::pipeline
