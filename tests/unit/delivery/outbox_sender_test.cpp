// OutboxSender against tcfeed-sandbox over TLS, with a real state file: each way a batch can end
// (delivered, some indicators refused, rescheduled, its owner stopped, split) is one
// DeliveryOutcome, and the outbox holds what that outcome says. The sender's sleep and clock and
// the client's retry sleep are the test's: every wait is observed, none is spent.
#include "lib/pipeline/delivery/outbox_sender.hpp"

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/core/unix_time.hpp"
#include "lib/threatconnect/batch_api.hpp"
#include "lib/threatconnect/batch_settings.hpp"
#include "tests/support/sandbox_process.hpp"

namespace tcfeed::pipeline {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;
using Kind = DeliveryOutcome::Kind;

constexpr const char* kOwner = "Demo Organization";

std::string host_item(const std::string& summary) {
  return R"({"type":"Host","summary":")" + summary + R"(","rating":3,"confidence":50})";
}

std::vector<std::string> hosts(int count) {
  std::vector<std::string> items;
  for (int i = 0; i < count; ++i) items.push_back(host_item("host-" + std::to_string(i) + ".delivery.example"));
  return items;
}

std::string settings() {
  threatconnect::BatchSettings settings;
  settings.owner = kOwner;
  return threatconnect::settings_json(settings);
}

std::string document_of(const std::vector<std::string>& items) {
  std::string document = R"({"indicator":[)";
  for (std::size_t i = 0; i < items.size(); ++i) document += (i > 0 ? "," : "") + items[i];
  return document + "]}";
}

constexpr const char* kEmotet = R"({"type":"Malware","name":"Emotet","xid":"tcfeed:feed:Emotet"})";

std::string grouped_host(const std::string& summary) {
  return R"({"type":"Host","summary":")" + summary + R"(","associatedGroups":[{"groupXid":"tcfeed:feed:Emotet"}]})";
}

class OutboxSenderTest : public ::testing::Test {
 protected:
  void start(const std::vector<std::string>& sandbox_args = {}) {
    sandbox_.emplace(sandbox_args);
    std::string error;
    auto base = threatconnect::BaseUrl::parse(sandbox_->base_url(), error);
    ASSERT_TRUE(base) << error;
    std::stringstream secret;
    secret << std::ifstream(sandbox_->secret_file()).rdbuf();
    net::ClientOptions transport;
    transport.ca_file = sandbox_->ca_file();
    api_.emplace(*base,
                 threatconnect::Credentials{tcfeed::testing::SandboxProcess::kAccessId, Secret(secret.str()), {}},
                 transport);
    net::BackoffPolicy retries;
    retries.max_attempts = 3;
    api_->set_retry_policy(retries);
    api_->set_sleep([this](std::chrono::milliseconds wait) { client_waits_.push_back(wait); });
    state_.emplace(sandbox_->dir() + "/state.db", state::StateStore::Mode::ReadWrite);
    sender_.emplace(
        *api_, *state_, batch_config_, [this](std::chrono::milliseconds wait) { poll_waits_.push_back(wait); },
        [this] { return now_; });
  }

  void queue(const std::vector<std::string>& items) { queue_document(document_of(items), items.size()); }
  void queue_document(const std::string& document, std::size_t indicators) {
    const auto run = state_->begin_run("feed");
    state_->stage_batch(run, "feed", kOwner, settings(), document, static_cast<std::int64_t>(indicators), now_);
    state_->commit_run(run, "feed", {}, false);
  }

  state::OutboxBatch due() {
    auto batch = state_->next_due(kOwner, now_, {});
    if (!batch) throw std::runtime_error("no batch due");
    return *batch;
  }

  // The platform's answer for one stored indicator of the owner (200, or 404 when it has none).
  int platform_has(const std::string& host) {
    return api_
        ->send_ok("GET", "/v2/indicators/hosts/" + host + "?owner=" + threatconnect::url_encode(kOwner), {}, {},
                  threatconnect::ApiClient::NotFound::Return)
        .status;
  }

  config::BatchConfig batch_config_;
  std::int64_t now_ = now_unix();
  std::vector<std::chrono::milliseconds> poll_waits_, client_waits_;
  std::optional<tcfeed::testing::SandboxProcess> sandbox_;
  std::optional<threatconnect::ApiClient> api_;
  std::optional<state::StateStore> state_;
  std::optional<OutboxSender> sender_;
};

TEST_F(OutboxSenderTest, ADeliveredBatchLeavesTheOutbox) {
  start();
  queue(hosts(3));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.delivered, 3);
  EXPECT_EQ(outcome.rejected, 0);
  EXPECT_EQ(outcome.reason, "");
  EXPECT_EQ(state_->outbox_size(), 0);
  EXPECT_TRUE(state_->dead_letters(10).empty());
  EXPECT_EQ(platform_has("host-2.delivery.example"), 200);
  // The job answered Running once. Nothing is known yet of how long jobs take: polled after the
  // shortest wait, then again after as long.
  EXPECT_THAT(poll_waits_, ElementsAre(25ms, 25ms));
  EXPECT_TRUE(client_waits_.empty());
}

TEST_F(OutboxSenderTest, IndicatorsThePlatformRefusesBecomeDeadLetters) {
  start();
  const std::string refused = host_item("Not A Host");
  queue({host_item("fine.delivery.example"), refused});
  now_ += 60;  // dead letters are dated by the sender's clock
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.delivered, 1);
  EXPECT_EQ(outcome.rejected, 1);
  EXPECT_EQ(state_->outbox_size(), 0);
  const auto letters = state_->dead_letters(10);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].indicator_json, refused) << "kept as sent, so requeue sends it again";
  EXPECT_THAT(letters[0].reason, HasSubstr("Invalid Indicator"));
  EXPECT_EQ(letters[0].owner, kOwner);
  EXPECT_EQ(letters[0].connector, "feed");
  EXPECT_EQ(letters[0].at_unix, now_);
}

TEST_F(OutboxSenderTest, ServerErrorsRescheduleTheBatchWithBackoff) {
  start({"--fault", "status=503,path=/api/v2/batch,method=POST"});
  queue(hosts(2));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Rescheduled);
  EXPECT_THAT(outcome.reason, HasSubstr("503"));
  // The batch backoff's first step is up to 5 s, never less than 1 s, from the sender's clock.
  EXPECT_GE(outcome.next_attempt_unix, now_ + 1);
  EXPECT_LE(outcome.next_attempt_unix, now_ + 5);
  // Within the request, the client's own retries: two waits between three attempts.
  EXPECT_EQ(client_waits_.size(), 2u);
  EXPECT_EQ(sandbox_->requests_to("/api/v2/batch"), 3);
  EXPECT_TRUE(poll_waits_.empty());

  EXPECT_FALSE(state_->next_due(kOwner, outcome.next_attempt_unix - 1, {})) << "due before its backoff ended";
  now_ = outcome.next_attempt_unix;
  const auto kept = due();
  EXPECT_EQ(kept.attempts, 1);
  EXPECT_THAT(kept.last_error, HasSubstr("503"));
  EXPECT_EQ(kept.next_attempt_unix, outcome.next_attempt_unix);

  sandbox_->clear_faults();
  const DeliveryOutcome retried = sender_->deliver(kept);
  EXPECT_EQ(retried.kind, Kind::Completed);
  EXPECT_EQ(retried.delivered, 2);
}

TEST_F(OutboxSenderTest, ACutConnectionReschedulesTheBatch) {
  start({"--fault", "kind=cut,cut_after=-1,path=/api/v2/batch,method=POST"});
  queue(hosts(1));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Rescheduled);
  EXPECT_GT(outcome.next_attempt_unix, now_);
  EXPECT_EQ(client_waits_.size(), 2u);
  EXPECT_EQ(state_->outbox_size(), 1);
}

TEST_F(OutboxSenderTest, AJobNotCompletedInTimeIsPolledAgainLaterNotSentAgain) {
  start({"--running-polls", "4"});
  batch_config_.poll_timeout = 100ms;
  queue(hosts(2));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Rescheduled);
  EXPECT_THAT(outcome.reason, HasSubstr("batch.poll_timeout"));
  EXPECT_THAT(poll_waits_, ElementsAre(25ms, 25ms, 37ms, 55ms));
  now_ = outcome.next_attempt_unix;
  const auto kept = due();
  ASSERT_TRUE(kept.job_id);
  EXPECT_TRUE(kept.uploaded);

  const DeliveryOutcome resumed = sender_->deliver(kept);
  EXPECT_EQ(resumed.kind, Kind::Completed);
  EXPECT_EQ(resumed.delivered, 2);
  EXPECT_EQ(sandbox_->requests_to("/api/v2/batch"), 1) << "one job, created once";
  EXPECT_EQ(state_->outbox_size(), 0);
}

TEST_F(OutboxSenderTest, AJobCreatedButNeverUploadedGetsItsData) {
  start();
  queue(hosts(2));
  // As after a crash between the job's creation and the upload.
  const auto job = threatconnect::create_batch_job(*api_, settings());
  state_->record_job(due().id, job);
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.delivered, 2);
  EXPECT_EQ(sandbox_->requests_to("/api/v2/batch"), 1);
  // Asked where the job is (Created), uploaded to, polled twice (Running, Completed).
  EXPECT_EQ(sandbox_->requests_to("/api/v2/batch/" + std::to_string(job)), 4);
}

TEST_F(OutboxSenderTest, AMissingPermissionStopsTheOwnerAndKeepsTheBatch) {
  start({"--owner", std::string(kOwner) + ":READ"});
  queue(hosts(2));
  const auto before = due();
  const DeliveryOutcome outcome = sender_->deliver(before);
  EXPECT_EQ(outcome.kind, Kind::OwnerStopped);
  EXPECT_EQ(outcome.scope, DeliveryOutcome::StopScope::Owner);
  EXPECT_THAT(outcome.reason, StartsWith("sending stopped, data kept: "));
  EXPECT_THAT(outcome.reason, HasSubstr("permission"));
  EXPECT_TRUE(client_waits_.empty()) << "a refusal is not retried";
  const auto after = due();
  EXPECT_EQ(after.attempts, 0);
  EXPECT_FALSE(after.job_id);
  EXPECT_EQ(after.document, before.document);
}

TEST_F(OutboxSenderTest, AnOwnerTheUserCannotReachIsStopped) {
  start({"--deny-owner", kOwner});
  queue(hosts(1));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::OwnerStopped);
  EXPECT_EQ(outcome.scope, DeliveryOutcome::StopScope::Owner);
  EXPECT_THAT(outcome.reason, HasSubstr("403"));
  EXPECT_EQ(due().attempts, 0);
}

TEST_F(OutboxSenderTest, RefusedCredentialsStopEveryOwner) {
  start({"--bad-signature"});
  queue(hosts(1));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::OwnerStopped);
  EXPECT_EQ(outcome.scope, DeliveryOutcome::StopScope::All);
  EXPECT_THAT(outcome.reason, HasSubstr("credentials"));
  EXPECT_EQ(sandbox_->requests_to("/api/v2/batch"), 2) << "the first credentials 401 is retried once, at once";
  EXPECT_EQ(due().attempts, 0);
}

TEST_F(OutboxSenderTest, ABatchTooLargeForThePlatformIsSplitInHalves) {
  start({"--max-upload", "400"});
  queue(hosts(6));
  ASSERT_GT(due().document.size(), 400u);
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Split);
  const auto backlog = state_->backlog();
  ASSERT_EQ(backlog.size(), 1u);
  EXPECT_EQ(backlog[0].batches, 2);
  EXPECT_EQ(backlog[0].indicators, 6);
  for (int part = 0; part < 2; ++part) {
    const auto batch = due();
    EXPECT_EQ(batch.indicators, 3);
    const DeliveryOutcome delivered = sender_->deliver(batch);
    EXPECT_EQ(delivered.kind, Kind::Completed);
    EXPECT_EQ(delivered.delivered, 3);
  }
  EXPECT_EQ(state_->outbox_size(), 0);
}

TEST_F(OutboxSenderTest, OneIndicatorTooLargeOnItsOwnBecomesADeadLetter) {
  start({"--max-upload", "50"});
  queue(hosts(1));
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.rejected, 1);
  EXPECT_EQ(state_->outbox_size(), 0);
  const auto letters = state_->dead_letters(10);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].reason, "larger than the platform's upload limit on its own");
  EXPECT_EQ(letters[0].indicator_json, hosts(1)[0]);
}

// docs/architecture.md, Sending a batch: the first poll of a job comes when jobs took, per
// indicator, so far (a little early), then short steps; the waits are what the sender learns from.
TEST_F(OutboxSenderTest, TheFirstPollComesWhenJobsOfThatSizeTook) {
  start();  // every job answers Running once
  queue(hosts(4));
  ASSERT_EQ(sender_->deliver(due()).kind, Kind::Completed);
  ASSERT_THAT(poll_waits_, ElementsAre(25ms, 25ms));  // 50 ms for 4 indicators: 12.5 ms each
  poll_waits_.clear();
  queue(hosts(40));  // expected 500 ms: first poll at 4/5 of it, then steps of an eighth
  ASSERT_EQ(sender_->deliver(due()).kind, Kind::Completed);
  EXPECT_THAT(poll_waits_, ElementsAre(400ms, 62ms));
}

TEST_F(OutboxSenderTest, PollsAfterTheFirstGrowNoFurtherThanThePollInterval) {
  start({"--running-polls", "4"});
  batch_config_.poll_interval = 30ms;
  queue(hosts(2));
  ASSERT_EQ(sender_->deliver(due()).kind, Kind::Completed);
  EXPECT_THAT(poll_waits_, ElementsAre(25ms, 25ms, 30ms, 30ms, 30ms));
}

// The sandbox's model of the platform (tests/sandbox/README.md): with one slot per owner, a second
// job waits Queued while the first runs, then runs its own time.
TEST_F(OutboxSenderTest, TheModelledPlatformRunsOneJobPerSlotAndQueuesTheRest) {
  start({"--job-rate", "200", "--max-running-jobs", "1"});
  const auto submit = [&] {
    const std::int64_t job = threatconnect::create_batch_job(*api_, settings());
    threatconnect::upload_batch(*api_, job, document_of(hosts(300)));  // 1.5 s at 200 a second
    return job;
  };
  const std::int64_t first = submit();
  const std::int64_t second = submit();
  EXPECT_EQ(threatconnect::batch_status(*api_, first).status, threatconnect::JobStatus::Running);
  EXPECT_EQ(threatconnect::batch_status(*api_, second).status, threatconnect::JobStatus::Queued);
  std::this_thread::sleep_for(3200ms);
  const auto done = threatconnect::batch_status(*api_, second);
  EXPECT_EQ(done.status, threatconnect::JobStatus::Completed);
  EXPECT_EQ(done.success_count, 300);
}

// docs/threatconnect.md, Groups: the platform counts groups among its successes; tcfeed counts
// indicators delivered.
TEST_F(OutboxSenderTest, GroupsOfADocumentAreNotCountedAsIndicatorsDelivered) {
  start();
  queue_document(std::string(R"({"group":[)") + kEmotet + R"(],"indicator":[)" + grouped_host("a.delivery.example") +
                     "," + grouped_host("b.delivery.example") + "]}",
                 2);
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.delivered, 2);
  EXPECT_EQ(outcome.rejected, 0);
}

TEST_F(OutboxSenderTest, AReferenceToAGroupThePlatformDoesNotHaveIsADeadLetter) {
  start();
  queue({grouped_host("a.delivery.example")});
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  EXPECT_EQ(outcome.rejected, 1);
  const auto letters = state_->dead_letters(10);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_THAT(letters[0].reason, HasSubstr("tcfeed:feed:Emotet"));
  EXPECT_EQ(letters[0].indicator_json, grouped_host("a.delivery.example"));
}

TEST_F(OutboxSenderTest, ARefusedGroupIsLoggedNotKeptAsADeadLetter) {
  start();
  // Not a standard group type: the platform refuses the group, and then the reference to it.
  queue_document(R"({"group":[{"type":"Custom","name":"Emotet","xid":"tcfeed:feed:Emotet"}],"indicator":[)" +
                     grouped_host("a.delivery.example") + "]}",
                 1);
  const DeliveryOutcome outcome = sender_->deliver(due());
  EXPECT_EQ(outcome.kind, Kind::Completed);
  const auto letters = state_->dead_letters(10);
  ASSERT_EQ(letters.size(), 1u) << "the indicator's association only; requeue sends indicators";
  EXPECT_EQ(letters[0].indicator_json, grouped_host("a.delivery.example"));
  EXPECT_EQ(outcome.rejected, 1);
}

TEST_F(OutboxSenderTest, EachHalfOfASplitCarriesTheGroupsItsIndicatorsReference) {
  start({"--max-upload", "500"});
  const std::string qakbot = R"({"type":"Malware","name":"Qakbot","xid":"tcfeed:feed:Qakbot"})";
  const std::string lone = R"({"type":"Malware","name":"Lone","xid":"tcfeed:feed:Lone"})";
  std::string document = std::string(R"({"group":[)") + kEmotet + "," + qakbot + "," + lone + R"(],"indicator":[)";
  document += grouped_host("a.delivery.example") + "," + grouped_host("b.delivery.example") + ",";
  document +=
      R"({"type":"Host","summary":"c.delivery.example","associatedGroups":[{"groupXid":"tcfeed:feed:Qakbot"}]},)";
  document +=
      R"({"type":"Host","summary":"d.delivery.example","associatedGroups":[{"groupXid":"tcfeed:feed:Qakbot"}]}]})";
  queue_document(document, 4);
  ASSERT_EQ(sender_->deliver(due()).kind, Kind::Split);
  const auto first = due();
  EXPECT_EQ(first.document.rfind(std::string(R"({"group":[)") + kEmotet + "," + lone + R"(],"indicator":[)", 0), 0u)
      << first.document;
  EXPECT_EQ(sender_->deliver(first).delivered, 2);
  const auto second = due();
  EXPECT_EQ(second.document.rfind(std::string(R"({"group":[)") + qakbot + R"(],"indicator":[)", 0), 0u)
      << second.document;
  const DeliveryOutcome outcome = sender_->deliver(second);
  EXPECT_EQ(outcome.delivered, 2);
  EXPECT_EQ(outcome.rejected, 0);
}

}  // namespace
}  // namespace tcfeed::pipeline
