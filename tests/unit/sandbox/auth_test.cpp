#include "tests/sandbox/auth.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

// Known-answer vector from docs/threatconnect.md, Known-answer vectors.
constexpr std::string_view kAccessId = "12345678901234567890";
constexpr std::string_view kSecret = "EXAMPLEsecretKEY0123456789abcdefghijklmnopqrstuvwxyzABCDE";
constexpr std::string_view kTarget = "/api/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100";
constexpr std::string_view kAuthorization = "TC 12345678901234567890:ZzmrNF92JI99gyc5TGwCj/kE5UN1HEGEL2fU4SZrNjw=";

class SandboxAuth : public ::testing::Test {
 protected:
  AuthOutcome check(std::string_view target, std::string_view authorization, std::string_view timestamp = "1700000000",
                    std::int64_t now = 1700000000, std::string_view method = "GET") {
    return authenticate({method, target, authorization, timestamp, now}, credentials_, "APIV2:tok");
  }
  std::vector<Credential> credentials_{{"other", "x"}, {std::string(kAccessId), std::string(kSecret)}};
};

TEST_F(SandboxAuth, AcceptsTheDocumentedVector) {
  EXPECT_EQ(check(kTarget, kAuthorization), AuthOutcome::kOk);
  EXPECT_EQ(check("/api/v2/batch", "TC 12345678901234567890:SOBkrtSMF9rhMeilplW3lU2zsTHAaEcR4qrOuCgDCi4=", "1700000000",
                  1700000000, "POST"),
            AuthOutcome::kOk);
}

TEST_F(SandboxAuth, SignsTheRawTarget) {
  // Same query with '+' for the space: a different request-target, so the signature fails.
  EXPECT_EQ(check("/api/v2/indicators/hosts?owner=Demo+Organization&resultStart=0&resultLimit=100", kAuthorization),
            AuthOutcome::kSignatureMismatch);
  EXPECT_EQ(check(kTarget, kAuthorization, "1700000000", 1700000000, "POST"), AuthOutcome::kSignatureMismatch);
}

TEST_F(SandboxAuth, TimestampWindowIsFiveMinutes) {
  EXPECT_EQ(check(kTarget, kAuthorization, "1700000000", 1700000300), AuthOutcome::kOk);
  EXPECT_EQ(check(kTarget, kAuthorization, "1700000000", 1699999700), AuthOutcome::kOk);
  EXPECT_EQ(check(kTarget, kAuthorization, "1700000000", 1700000301), AuthOutcome::kTimestampRange);
  EXPECT_EQ(check(kTarget, kAuthorization, "17e8", 1700000000), AuthOutcome::kTimestampRange);
  EXPECT_EQ(authenticate({"GET", kTarget, kAuthorization, std::nullopt, 1700000000}, credentials_, ""),
            AuthOutcome::kTimestampRange);
}

TEST_F(SandboxAuth, UnknownIdWrongSecretMissingHeader) {
  EXPECT_EQ(check(kTarget, "TC 999:ZzmrNF92JI99gyc5TGwCj/kE5UN1HEGEL2fU4SZrNjw="), AuthOutcome::kSignatureMismatch);
  EXPECT_EQ(check(kTarget, "TC 12345678901234567890:AAAA"), AuthOutcome::kSignatureMismatch);
  EXPECT_EQ(check(kTarget, "Basic abc"), AuthOutcome::kMissing);
  EXPECT_EQ(authenticate({"GET", kTarget, std::nullopt, "1700000000", 1700000000}, credentials_, ""),
            AuthOutcome::kMissing);
  EXPECT_EQ(auth_failure_message(AuthOutcome::kSignatureMismatch), "Signature data did not match expected result");
  EXPECT_EQ(auth_failure_message(AuthOutcome::kTimestampRange), "Timestamp out of acceptable time range");
}

TEST_F(SandboxAuth, Token) {
  EXPECT_EQ(check(kTarget, "TC-Token APIV2:tok", ""), AuthOutcome::kOk);
  EXPECT_EQ(check(kTarget, "TC-Token APIV2:to", ""), AuthOutcome::kTokenRejected);
  EXPECT_EQ(authenticate({"GET", kTarget, "TC-Token x", std::nullopt, 0}, credentials_, ""),
            AuthOutcome::kTokenRejected);
}

}  // namespace
}  // namespace tcfeed::sandbox
