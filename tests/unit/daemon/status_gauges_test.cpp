// The readiness gauges /metrics derives from the status snapshot (docs/architecture.md, Status,
// readiness and degraded).
#include "daemon/status_gauges.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tcfeed::daemon {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

pipeline::ConnectorStatus connector(std::string name, std::string outcome) {
  pipeline::ConnectorStatus status;
  status.name = std::move(name);
  status.last_outcome = std::move(outcome);
  if (status.last_outcome == "failed") status.last_error = "no such file";
  return status;
}

TEST(StatusGauges, DegradedAndPerConnectorHealth) {
  telemetry::Metrics metrics;
  StatusGauges gauges(metrics);
  pipeline::StatusSnapshot snapshot;
  snapshot.ready = true;
  snapshot.connectors = {connector("good", "ok"), connector("bad", "failed"), connector("new", "")};
  snapshot.degraded = {"bad: the last poll failed: no such file"};
  pipeline::OwnerStatus owner;
  owner.name = "Acme";
  snapshot.owners.push_back(owner);
  gauges.publish(snapshot);
  std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_ready 1\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_degraded 1\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_healthy{connector=\"good\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_healthy{connector=\"bad\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_healthy{connector=\"new\"} 1\n"));  // not run yet: nothing failed
  EXPECT_THAT(text, HasSubstr("tcfeed_owner_stopped{owner=\"Acme\"} 0\n"));

  // A reload removed "bad" and the rest recovered.
  snapshot.connectors = {connector("good", "ok")};
  snapshot.degraded.clear();
  gauges.publish(snapshot);
  text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_degraded 0\n"));
  EXPECT_THAT(text, Not(HasSubstr("connector=\"bad\"")));
}

TEST(ConnectorHealth, FailedWithheldAndStuck) {
  constexpr std::int64_t kNow = 1'714'564'800;
  auto status = connector("a", "ok");
  EXPECT_EQ(pipeline::connector_health(status, kNow), "");
  status = connector("a", "failed");
  EXPECT_EQ(pipeline::connector_health(status, kNow), "the last poll failed: no such file");
  status = connector("a", "removals withheld");
  status.last_warning = "40 of the 100 entries are gone";
  EXPECT_EQ(pipeline::connector_health(status, kNow), "removals withheld: 40 of the 100 entries are gone");

  // Running: stuck only past both its interval and half an hour.
  status = connector("a", "ok");
  status.state = pipeline::ConnectorState::Running;
  status.every_seconds = 3600;
  status.running_since_unix = kNow - 3000;
  EXPECT_EQ(pipeline::connector_health(status, kNow), "");
  status.running_since_unix = kNow - 3601;
  EXPECT_EQ(pipeline::connector_health(status, kNow), "a poll has been running for 60 min, past its deadline");
  status.every_seconds = 60;
  status.running_since_unix = kNow - 600;
  EXPECT_EQ(pipeline::connector_health(status, kNow), "");
  status.running_since_unix = kNow - pipeline::kStuckAfterSeconds - 1;
  EXPECT_THAT(pipeline::connector_health(status, kNow), HasSubstr("past its deadline"));
}

}  // namespace
}  // namespace tcfeed::daemon
