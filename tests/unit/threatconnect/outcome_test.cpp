// The outcome table of docs/architecture.md, Outcomes, row by row.
#include "lib/threatconnect/outcome.hpp"

#include <gtest/gtest.h>

namespace tcfeed::threatconnect {
namespace {

struct Row {
  bool transport_error;
  bool transport_permanent;
  int status;
  const char* message;
  bool already_retried_auth;
  Outcome expected;
};

TEST(Classify, EveryAnswerHasExactlyTheOutcomeTheDesignGivesIt) {
  const Row rows[] = {
      {false, false, 200, "", false, Outcome::Delivered},
      {false, false, 201, "", false, Outcome::Delivered},
      {false, false, 202, "", false, Outcome::Delivered},
      {true, false, 0, "connection reset", false, Outcome::Retry},
      {true, true, 0, "TLS handshake failed: certificate verify failed (host name mismatch)", false, Outcome::StopAll},
      {false, false, 408, "", false, Outcome::Retry},
      {false, false, 429, "", false, Outcome::Retry},
      {false, false, 500, "", false, Outcome::Retry},
      {false, false, 502, "", false, Outcome::Retry},
      {false, false, 503, "instance is not licensed to enable the API", false, Outcome::Retry},
      {false, false, 504, "", false, Outcome::Retry},
      {false, false, 503,
       "Batch job api is not available. Ensure that batchJobEnabled is true and document storage is enabled "
       "and configured;",
       false, Outcome::StopOwner},
      {false, false, 401, "Signature data did not match expected result", false, Outcome::RetryImmediately},
      {false, false, 401, "Signature data did not match expected result", true, Outcome::StopAll},
      {false, false, 401, "Timestamp out of acceptable time range", false, Outcome::RetryImmediately},
      {false, false, 401, "Timestamp out of acceptable time range", true, Outcome::StopAll},
      {false, false, 401, "Unauthorized", true, Outcome::StopAll},
      {false, false, 401, "You do not have permission to create Indicators; contact your administrator", false,
       Outcome::StopOwner},
      {false, false, 403, "Access Denied", false, Outcome::StopOwner},
      {false, false, 400, "Invalid owner", false, Outcome::Rejected},
      {false, false, 404, "", false, Outcome::Rejected},
      {false, false, 413, "", false, Outcome::Rejected},
  };
  for (const auto& row : rows) {
    const auto verdict =
        classify({row.transport_error, row.transport_permanent, row.status, row.message, row.already_retried_auth});
    EXPECT_EQ(outcome_name(verdict.outcome), outcome_name(row.expected))
        << "status " << row.status << " '" << row.message << "' retried=" << row.already_retried_auth;
    if (row.expected != Outcome::Delivered) {
      EXPECT_FALSE(verdict.reason.empty());
    }
  }
}

TEST(Classify, ATimestampStopSaysItIsTheClock) {
  const auto verdict = classify({false, false, 401, "Timestamp out of acceptable time range", true});
  EXPECT_NE(verdict.reason.find("clock"), std::string::npos) << verdict.reason;
}

}  // namespace
}  // namespace tcfeed::threatconnect
