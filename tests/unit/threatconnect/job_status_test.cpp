// The batch job's status, read from the platform's wire text in one place.
#include <gtest/gtest.h>

#include "lib/threatconnect/batch_api.hpp"

namespace tcfeed::threatconnect {
namespace {

TEST(JobStatus, EachWireNameAndNothingElse) {
  EXPECT_EQ(parse_job_status("Created"), JobStatus::Created);
  EXPECT_EQ(parse_job_status("Queued"), JobStatus::Queued);
  EXPECT_EQ(parse_job_status("Running"), JobStatus::Running);
  EXPECT_EQ(parse_job_status("Completed"), JobStatus::Completed);
  EXPECT_EQ(parse_job_status("completed"), JobStatus::Unknown);
  EXPECT_EQ(parse_job_status(""), JobStatus::Unknown);
  EXPECT_EQ(parse_job_status("Failed"), JobStatus::Unknown);
}

TEST(JobStatus, OnlyCompletedIsDone) {
  BatchStatus status;
  EXPECT_FALSE(status.completed());
  for (const auto pending : {JobStatus::Created, JobStatus::Queued, JobStatus::Running}) {
    status.status = pending;
    EXPECT_FALSE(status.completed());
  }
  status.status = JobStatus::Completed;
  EXPECT_TRUE(status.completed());
}

}  // namespace
}  // namespace tcfeed::threatconnect
