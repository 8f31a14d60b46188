#include "lib/pipeline/delivery/outbox_sender.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/core/crash_point.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/net/backoff.hpp"
#include "lib/pipeline/delivery/document_items.hpp"
#include "lib/threatconnect/association_json.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {
namespace {

// The job status polls (docs/architecture.md, Sending a batch): the first one when the job is
// expected to be done, by what earlier jobs took per indicator, a little early; then short steps
// growing to batch.poll_interval. Never sooner than kShortestPoll, and the first never later than
// kLongestFirstPoll, so a platform that got faster is noticed.
constexpr std::chrono::milliseconds kShortestPoll{25};
constexpr std::chrono::milliseconds kLongestFirstPoll{60'000};
// A batch that keeps failing is retried at most this far apart, so a platform that comes back
// is used again within minutes.
const net::BackoffPolicy kBatchBackoff{std::chrono::seconds(5), std::chrono::minutes(10)};

}  // namespace

OutboxSender::OutboxSender(threatconnect::ApiClient& api, state::StateStore& state, const config::BatchConfig& batch,
                           Sleep sleep, Clock clock)
    : api_(api),
      state_(state),
      batch_(batch),
      sleep_(sleep ? std::move(sleep)
                   : Sleep([](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); })),
      clock_(clock ? std::move(clock) : Clock(&now_unix)) {}

DeliveryOutcome OutboxSender::deliver(const state::OutboxBatch& batch) {
  try {
    return attempt(batch);
  } catch (const threatconnect::StopError& stop) {
    DeliveryOutcome outcome;
    outcome.kind = DeliveryOutcome::Kind::OwnerStopped;
    outcome.reason = std::string("sending stopped, data kept: ") + stop.what();
    outcome.scope = stop.scope() == threatconnect::Outcome::StopAll ? DeliveryOutcome::StopScope::All
                                                                    : DeliveryOutcome::StopScope::Owner;
    return outcome;
  } catch (const threatconnect::ApiError& error) {
    if (threatconnect::is_upload_too_large(error)) return split(batch);
    return reschedule(batch, error.what());
  } catch (const state::StateError&) {
    throw;
  } catch (const std::exception& error) {  // retries exhausted, transport failures
    return reschedule(batch, error.what());
  }
}

DeliveryOutcome OutboxSender::attempt(const state::OutboxBatch& batch) {
  threatconnect::BatchStatus status;
  if (batch.job_id) {
    // After a crash or a timeout: ask the platform where the job is rather than creating another.
    try {
      status = threatconnect::batch_status(api_, *batch.job_id);
    } catch (const threatconnect::ApiError& error) {
      if (error.status() != 404) throw;
      state_.forget_job(batch.id);  // the platform no longer knows the job: start over
      spdlog::warn("owner '{}': job {} unknown to the platform; batch {} is sent in a new job", batch.owner,
                   *batch.job_id, batch.id);
      auto fresh = batch;
      fresh.job_id.reset();
      return attempt(fresh);
    }
    if (status.status == threatconnect::JobStatus::Created) {  // the job never received its data
      crash_point("mid_upload");
      threatconnect::upload_batch(api_, *batch.job_id, batch.document);
      state_.record_uploaded(batch.id);
      status.status = threatconnect::JobStatus::Queued;
    }
  } else {
    status = submit(batch);
  }
  if (!status.completed()) status = wait_for_completion(status.id, batch.indicators);
  return complete(batch, status);
}

threatconnect::BatchStatus OutboxSender::submit(const state::OutboxBatch& batch) {
  if (batch_.mode == config::BatchMode::CreateAndUpload) {
    // One call: after a crash in it the batch may be sent twice (documented in the config).
    return threatconnect::create_and_upload(api_, batch.settings_json, batch.document);
  }
  threatconnect::BatchStatus status;
  status.id = threatconnect::create_batch_job(api_, batch.settings_json);
  state_.record_job(batch.id, status.id);
  crash_point("after_job_created");
  threatconnect::upload_batch(api_, status.id, batch.document);
  crash_point("mid_upload");  // the platform has the data; the state file does not know yet
  state_.record_uploaded(batch.id);
  status.status = threatconnect::JobStatus::Queued;
  return status;
}

std::chrono::milliseconds OutboxSender::expected_duration(std::int64_t indicators) const {
  return std::chrono::milliseconds(std::llround(ms_per_indicator_ * static_cast<double>(indicators)));
}

threatconnect::BatchStatus OutboxSender::wait_for_completion(std::int64_t job_id, std::int64_t indicators) {
  using std::chrono::milliseconds;
  const auto cap = std::max(kShortestPoll, std::chrono::duration_cast<milliseconds>(batch_.poll_interval));
  const auto limit = std::chrono::duration_cast<milliseconds>(batch_.poll_timeout);
  const milliseconds expected = expected_duration(indicators);
  milliseconds wait = std::clamp(expected * 4 / 5, kShortestPoll, kLongestFirstPoll);
  milliseconds step = std::clamp(expected / 8, kShortestPoll, cap);
  milliseconds waited{0};
  for (;;) {
    sleep_(wait);
    waited += wait;
    auto status = threatconnect::batch_status(api_, job_id);
    crash_point("while_polling");
    if (status.completed()) {
      learn_duration(waited, indicators);
      return status;
    }
    if (waited >= limit) {
      throw std::runtime_error("job " + std::to_string(job_id) + " not completed after " +
                               std::to_string(waited.count() / 1000) + " s (batch.poll_timeout); polled again later");
    }
    wait = step;
    step = std::min(cap, milliseconds(step.count() * 3 / 2));
  }
}

void OutboxSender::learn_duration(std::chrono::milliseconds waited, std::int64_t indicators) {
  if (indicators <= 0) return;
  // The waits until the poll that saw it done: at most one step more than the job took, and the
  // next first poll comes at 4/5 of the estimate, so the two errors pull against each other.
  const double observed = static_cast<double>(waited.count()) / static_cast<double>(indicators);
  ms_per_indicator_ = ms_per_indicator_ == 0 ? observed : (ms_per_indicator_ + observed) / 2;
}

DeliveryOutcome OutboxSender::complete(const state::OutboxBatch& batch, const threatconnect::BatchStatus& status) {
  if (status.unprocess_count > 0) {
    // The platform left some items untouched without saying which: send the whole batch again
    // (an upsert, harmless for the ones it did store).
    state_.forget_job(batch.id);
    return reschedule(batch, std::to_string(status.unprocess_count) + " indicators left unprocessed by job " +
                                 std::to_string(status.id) + "; the batch is sent again");
  }
  std::vector<state::DeadLetter> dead_letters;
  std::int64_t groups_refused = 0;
  std::int64_t associations_refused = 0;
  if (status.error_count > 0) {
    const auto errors = threatconnect::batch_errors(api_, status.id);
    // Keep each rejected item as it was sent, so `tcfeed state requeue` can send it again.
    std::multimap<std::pair<std::string, std::string>, std::string> sent;
    for (auto& item : document_items(batch.document)) {
      auto identity = item_identity(item);
      sent.emplace(std::pair(std::move(identity.type), std::move(identity.summary)), std::move(item));
    }
    const std::int64_t now = clock_();
    for (const auto& error : errors) {
      state::DeadLetter letter;
      letter.connector = batch.connector;
      letter.owner = batch.owner;
      letter.settings_json = batch.settings_json;
      letter.reason = error.reason;
      letter.at_unix = now;
      const auto identity = item_identity(error.source);
      if (identity.is_group()) {
        // A group is not kept as a dead letter: `requeue` sends indicators, and a group goes again
        // with the next indicator that references it (docs/threatconnect.md, Groups).
        spdlog::warn("owner '{}': platform rejected {} group {}: {}", batch.owner, identity.type, identity.group_name,
                     error.reason);
        ++groups_refused;
        continue;
      }
      if (identity.is_association()) {
        // Nor an association: it is no indicator to requeue, and its ends are sent again as they
        // change (docs/threatconnect.md, Associations).
        spdlog::warn("owner '{}': platform rejected the association of {} with {}: {}", batch.owner, identity.ref_1,
                     identity.ref_2, error.reason);
        ++associations_refused;
        continue;
      }
      const auto found = sent.find({identity.type, identity.summary});
      letter.indicator_json = found != sent.end() ? found->second : error.source;
      spdlog::warn("owner '{}': platform rejected {} {}: {}", batch.owner,
                   identity.type.empty() ? "an item" : identity.type, identity.summary, error.reason);
      dead_letters.push_back(std::move(letter));
    }
  }
  crash_point("after_completion");
  state_.complete_batch(batch.id, dead_letters, clock_());
  DeliveryOutcome outcome;
  // The platform counts the groups and associations it stored among its successes; tcfeed counts
  // indicators.
  std::int64_t groups_stored = 0;
  if (batch.document.starts_with(threatconnect::kGroupsOpen)) {
    groups_stored = static_cast<std::int64_t>(document_groups(batch.document).size()) - groups_refused;
  }
  if (batch.document.find(threatconnect::kIndicatorsThenAssociations) != std::string::npos) {
    groups_stored += static_cast<std::int64_t>(document_associations(batch.document).size()) - associations_refused;
  }
  outcome.delivered = std::max<std::int64_t>(0, status.success_count - groups_stored);
  outcome.rejected = static_cast<std::int64_t>(dead_letters.size());
  return outcome;
}

DeliveryOutcome OutboxSender::split(const state::OutboxBatch& batch) {
  std::vector<std::string> items;
  std::vector<std::string> groups;
  std::vector<std::string> associations;
  try {
    items = document_items(batch.document);
    groups = document_groups(batch.document);
    associations = document_associations(batch.document);
  } catch (const std::runtime_error& error) {
    // Not a document this program wrote: kept and retried like any failure, never lost.
    return reschedule(batch, std::string("too large for the platform and cannot be split: ") + error.what());
  }
  if (items.size() <= 1) {
    // One indicator the platform will never take: keep it as a dead letter, not a retry loop.
    state::DeadLetter letter{.connector = batch.connector,
                             .owner = batch.owner,
                             .settings_json = batch.settings_json,
                             .indicator_json = items.empty() ? std::string() : items.front(),
                             .reason = "larger than the platform's upload limit on its own",
                             .at_unix = clock_()};
    state_.complete_batch(batch.id, std::span(&letter, 1), clock_());
    DeliveryOutcome outcome;
    outcome.rejected = 1;
    return outcome;
  }
  spdlog::warn("owner '{}': upload of {} too large for the platform; splitting", batch.owner,
               counted(items.size(), "indicator", "indicators"));
  const std::size_t half = items.size() / 2;
  const auto first = std::span(items).first(half);
  const auto second = std::span(items).subspan(half);
  // Each half carries the groups its indicators reference (docs/threatconnect.md, Groups); the
  // associations go with the second.
  const std::vector<std::pair<std::string, std::int64_t>> parts{
      {make_document(first, groups_for(first, groups, items, true)), static_cast<std::int64_t>(first.size())},
      {make_document(second, groups_for(second, groups, items, false), associations),
       static_cast<std::int64_t>(second.size())}};
  state_.split_batch(batch.id, parts);
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::Split;
  return outcome;
}

DeliveryOutcome OutboxSender::reschedule(const state::OutboxBatch& batch, const std::string& error) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const auto wait = net::jittered_backoff(kBatchBackoff, std::min(batch.attempts, 20), random);
  const std::int64_t now = clock_();
  const std::int64_t next = now + std::max<std::int64_t>(1, wait.count() / 1000);
  state_.reschedule(batch.id, next, error);
  spdlog::warn("owner '{}': batch {} ({}) not delivered: {}; next attempt in {} s", batch.owner, batch.id,
               counted(static_cast<std::uint64_t>(batch.indicators), "indicator", "indicators"), error, next - now);
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::Rescheduled;
  outcome.reason = error;
  outcome.next_attempt_unix = next;
  return outcome;
}

}  // namespace tcfeed::pipeline
