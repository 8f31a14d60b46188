// The sandbox's model of the platform's pace: time in proportion to size, N jobs per owner at once.
#include "tests/sandbox/job_model.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

TEST(SandboxJobModel, AJobTakesItsSizeOverTheRate) {
  JobModel model(1000, 1);
  const auto times = model.schedule(1, 2500, 10'000);
  EXPECT_EQ(times.starts_at_ms, 10'000);
  EXPECT_EQ(times.completes_at_ms, 12'500);
}

TEST(SandboxJobModel, JobsBeyondTheSlotsWaitQueuedInUploadOrder) {
  JobModel model(1000, 2);
  EXPECT_EQ(model.schedule(1, 1000, 0).completes_at_ms, 1000);  // slot 1
  EXPECT_EQ(model.schedule(1, 3000, 0).completes_at_ms, 3000);  // slot 2
  const auto third = model.schedule(1, 1000, 100);              // waits for slot 1
  EXPECT_EQ(third.starts_at_ms, 1000);
  EXPECT_EQ(third.completes_at_ms, 2000);
  const auto fourth = model.schedule(1, 500, 200);  // slot 1 again, free first
  EXPECT_EQ(fourth.starts_at_ms, 2000);
  EXPECT_EQ(fourth.completes_at_ms, 2500);
}

TEST(SandboxJobModel, OwnersHaveTheirOwnSlots) {
  JobModel model(1000, 1);
  EXPECT_EQ(model.schedule(1, 1000, 0).completes_at_ms, 1000);
  EXPECT_EQ(model.schedule(2, 1000, 0).starts_at_ms, 0);
  EXPECT_EQ(model.schedule(1, 1000, 0).starts_at_ms, 1000);
}

TEST(SandboxJobModel, AnIdleSlotStartsAJobAtOnce) {
  JobModel model(1000, 1);
  model.schedule(1, 1000, 0);
  EXPECT_EQ(model.schedule(1, 1000, 5000).starts_at_ms, 5000);
}

}  // namespace
}  // namespace tcfeed::sandbox
