// Where a cut OTX poll goes on (docs/feeds.md, AlienVault OTX, Checkpoints): the position names the
// poll's modified_since, the newest pulse date read so far and the next page.
#include <gtest/gtest.h>

#include "connectors/otx/otx_connector.hpp"

namespace tcfeed::connectors::otx {
namespace {

TEST(OtxResume, APositionNamesTheSearchTheNewestDateAndTheNextPage) {
  const auto since = parse_otx_time("2026-01-05T10:00:00");
  const auto newest = parse_otx_time("2026-01-06T11:30:00.5");
  ASSERT_TRUE(since && newest);
  const OtxResume resume{*since, *newest, "https://otx.example/api/v1/pulses/subscribed?page=3&limit=50"};
  const std::string text = format_otx_resume(resume);
  EXPECT_TRUE(text.starts_with("resume ")) << text;
  const auto read = parse_otx_resume(text);
  ASSERT_TRUE(read) << text;
  EXPECT_EQ(read->since, *since);
  EXPECT_EQ(read->newest, *newest);
  EXPECT_EQ(read->next, resume.next);

  const auto without = parse_otx_resume(format_otx_resume({*since, std::nullopt, "https://otx.example/p?page=2"}));
  ASSERT_TRUE(without);
  EXPECT_FALSE(without->newest);

  // A finished poll's position (a date alone) and what no version wrote are not resume positions.
  for (const char* garbage : {"2026-01-06T11:30:00.500000Z", "", "resume 2026-01-05T10:00:00Z -",
                              "resume x - https://a/", "resume 2026-01-05T10:00:00Z y https://a/"}) {
    EXPECT_FALSE(parse_otx_resume(garbage)) << garbage;
  }
}

}  // namespace
}  // namespace tcfeed::connectors::otx
