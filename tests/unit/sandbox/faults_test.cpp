#include "tests/sandbox/faults.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

FaultRule rule_of(std::string_view spec) {
  FaultRule rule;
  const auto error = parse_fault_spec(spec, "/api", rule);
  EXPECT_FALSE(error) << *error;
  return rule;
}

TEST(SandboxFaultRule, SpecAndJsonGiveTheSameRule) {
  const FaultRule a = rule_of("kind=status,status=500,count=3,path=/api/v2/batch,method=POST,fraction=0.25,seed=9");
  const FaultRule b = rule_of(R"({"kind":"status","status":500,"count":3,"path":"/api/v2/batch","method":"POST",
                                  "fraction":0.25,"seed":9})");
  for (const auto* rule : {&a, &b}) {
    EXPECT_EQ(rule->status, 500);
    EXPECT_EQ(rule->count, 3);
    EXPECT_EQ(rule->path, "/api/v2/batch");
    EXPECT_EQ(rule->method, "POST");
    EXPECT_DOUBLE_EQ(rule->fraction, 0.25);
    EXPECT_EQ(rule->seed, 9u);
  }
}

TEST(SandboxFaultRule, KindDefaults) {
  const FaultRule limit = rule_of("kind=rate_limit");
  EXPECT_EQ(limit.status, 429);
  EXPECT_EQ(limit.retry_after, 1);
  const FaultRule batch = rule_of("kind=batch_unavailable");
  EXPECT_EQ(batch.status, 503);
  EXPECT_EQ(batch.path, "/api/v2/batch");
  EXPECT_EQ(batch.message, kBatchUnavailableMessage);
  EXPECT_EQ(rule_of("kind=cut").cut_after, 8);
  FaultRule rule;
  EXPECT_TRUE(parse_fault_spec("kind=slow", "/api", rule));  // needs delay_ms
  EXPECT_TRUE(parse_fault_spec("kind=boom", "/api", rule));
  EXPECT_TRUE(parse_fault_spec("colour=red", "/api", rule));
  EXPECT_TRUE(parse_fault_spec("fraction=1.5", "/api", rule));
  EXPECT_TRUE(parse_fault_spec("status=42", "/api", rule));
  EXPECT_TRUE(parse_fault_spec("count", "/api", rule));
}

TEST(SandboxFaultRule, MatchesMethodAndWholePathSegments) {
  const FaultRule rule = rule_of("path=/api/v2/batch,method=POST");
  EXPECT_TRUE(rule.matches("POST", "/api/v2/batch"));
  EXPECT_TRUE(rule.matches("POST", "/api/v2/batch/7"));
  EXPECT_FALSE(rule.matches("POST", "/api/v2/batches"));
  EXPECT_FALSE(rule.matches("GET", "/api/v2/batch/7"));
  EXPECT_TRUE(rule_of("count=1").matches("GET", "/files/x"));
}

TEST(SandboxFaultRule, FractionIsDeterministicForASeed) {
  const auto pattern = [](std::string_view spec) {
    FaultRule rule = rule_of(spec);
    std::string fired;
    for (int i = 0; i < 1000; ++i) fired += rule.fire() ? '1' : '0';
    return fired;
  };
  const std::string first = pattern("fraction=0.3,seed=42");
  EXPECT_EQ(first, pattern("fraction=0.3,seed=42"));
  EXPECT_NE(first, pattern("fraction=0.3,seed=43"));
  const auto ones = std::count(first.begin(), first.end(), '1');
  EXPECT_GT(ones, 240);
  EXPECT_LT(ones, 360);
  EXPECT_EQ(pattern("fraction=0"), std::string(1000, '0'));
  EXPECT_EQ(pattern("fraction=0.5,count=4").substr(0, 1000).find('1') != std::string::npos, true);
  const std::string capped = pattern("fraction=0.5,count=4");
  EXPECT_EQ(std::count(capped.begin(), capped.end(), '1'), 4);
}

Options options_with(std::vector<std::string> faults) {
  Options options;
  options.fault_specs = std::move(faults);
  return options;
}

TEST(SandboxFaults, FailFirstOnlyForItsPathAndCount) {
  Options options;
  options.fail_first = 2;
  options.fail_status = 503;
  options.fail_path = "/api/v2/batch";
  FaultInjector faults(options);
  EXPECT_FALSE(faults.decide("GET", "/api/v2/owners", 0).any());
  EXPECT_EQ(faults.decide("POST", "/api/v2/batch", 0).response->status, 503);
  EXPECT_EQ(faults.decide("GET", "/api/v2/batch/1", 0).response->status, 503);
  EXPECT_FALSE(faults.decide("POST", "/api/v2/batch", 0).any());
}

TEST(SandboxFaults, RetryAfterSecondsAndHttpDate) {
  FaultInjector faults(options_with(
      {"kind=rate_limit,retry_after=2,count=1", "kind=rate_limit,retry_after=30,retry_after_form=date,count=1"}));
  const auto first = faults.decide("GET", "/api/v2/owners", 1700000000).response;
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->headers.at(0), (std::pair<std::string, std::string>{"Retry-After", "2"}));
  const auto second = faults.decide("GET", "/api/v2/owners", 1700000000).response;
  ASSERT_TRUE(second);
  EXPECT_EQ(second->headers.at(0).second, "Tue, 14 Nov 2023 22:13:50 GMT");
  EXPECT_FALSE(faults.decide("GET", "/api/v2/owners", 1700000000).any());
}

TEST(SandboxFaults, SlowAddsUpAndCutEndsTheRules) {
  FaultInjector faults(
      options_with({"kind=slow,delay_ms=40", "kind=cut,cut_after=3,count=1", "kind=status,status=500"}));
  const FaultDecision first = faults.decide("GET", "/api/v2/owners", 0);
  EXPECT_EQ(first.delay.count(), 40);
  EXPECT_EQ(first.cut_after, 3);
  EXPECT_FALSE(first.response);
  const FaultDecision second = faults.decide("GET", "/api/v2/owners", 0);
  EXPECT_EQ(second.delay.count(), 40);
  EXPECT_EQ(second.response->status, 500);
}

TEST(SandboxFaults, TrickleKeepsTheRealAnswerAndSetsItsPace) {
  FaultInjector faults(options_with({"kind=trickle,path=/files/slow.txt,trickle_bytes=2,trickle_ms=200"}));
  const FaultDecision slow = faults.decide("GET", "/files/slow.txt", 0);
  EXPECT_FALSE(slow.response);  // the file is served, only slowly
  ASSERT_TRUE(slow.trickle);
  EXPECT_EQ(slow.trickle->first, 2);
  EXPECT_EQ(slow.trickle->second.count(), 200);
  EXPECT_FALSE(faults.decide("GET", "/files/other.txt", 0).any());
  const FaultRule paced = rule_of("kind=trickle");
  EXPECT_EQ(paced.trickle_bytes, 1);
  EXPECT_EQ(paced.trickle_ms, 1000);
  FaultRule rule;
  EXPECT_TRUE(parse_fault_spec("kind=trickle,trickle_ms=0", "/api", rule));
}

TEST(SandboxFaults, ControlJsonAddsSetsAndClears) {
  Options options;
  options.denied_owners = {"A"};
  FaultInjector faults(options);
  EXPECT_TRUE(faults.apply_json(R"({"rules":[{"kind":"nope"}],"clock_offset":5})"));
  EXPECT_EQ(faults.clock_offset(), 0);  // a bad body changes nothing
  EXPECT_TRUE(faults.apply_json(R"({"bogus":1})"));
  EXPECT_FALSE(faults.apply_json(
      R"({"rules":[{"kind":"batch_unavailable","count":1}],"clock_offset":-600,"bad_signature":true,"deny_owners":["B"]})"));
  EXPECT_EQ(faults.clock_offset(), -600);
  EXPECT_TRUE(faults.bad_signature());
  EXPECT_EQ(faults.denied_owners(), (OwnerNames{"A", "B"}));
  EXPECT_EQ(faults.decide("POST", "/api/v2/batch", 0).response->status, 503);
  EXPECT_FALSE(faults.apply_json(R"({"kind":"status","status":502,"count":1})"));
  EXPECT_EQ(faults.decide("GET", "/files/a", 0).response->status, 502);
  faults.clear();
  EXPECT_EQ(faults.clock_offset(), 0);
  EXPECT_FALSE(faults.bad_signature());
  EXPECT_TRUE(faults.denied_owners().empty());
  EXPECT_THROW(FaultInjector(options_with({"kind=boom"})), std::invalid_argument);
}

}  // namespace
}  // namespace tcfeed::sandbox
