#include "lib/core/nearest_name.hpp"

#include <gtest/gtest.h>

#include "lib/core/counted.hpp"

namespace tcfeed {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutionsIgnoringCase) {
  EXPECT_EQ(edit_distance_ignoring_case("", ""), 0u);
  EXPECT_EQ(edit_distance_ignoring_case("abc", ""), 3u);
  EXPECT_EQ(edit_distance_ignoring_case("", "abc"), 3u);
  EXPECT_EQ(edit_distance_ignoring_case("SOC Feeds", "soc feeds"), 0u);
  EXPECT_EQ(edit_distance_ignoring_case("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance_ignoring_case("SOC Feed", "SOC Feeds"), 1u);
  EXPECT_EQ(edit_distance_ignoring_case("Feeds SOC", "SOC Feeds"), 8u);
}

TEST(NearestName, SuggestsTheClosestNameOfAPlausibleTypo) {
  const std::vector<std::string> owners = {"Acme Threat Feeds", "SOC Feeds", "Partner Intel"};
  EXPECT_EQ(nearest_name("soc feeds", owners), "SOC Feeds");
  EXPECT_EQ(nearest_name("SOC Feed", owners), "SOC Feeds");
  EXPECT_EQ(nearest_name("Acme Threat Feed", owners), "Acme Threat Feeds");
  EXPECT_EQ(nearest_name("partner-intel", owners), "Partner Intel");
  EXPECT_EQ(did_you_mean("SOC Feed", owners), " (did you mean 'SOC Feeds'?)");
}

TEST(NearestName, SuggestsNothingWhenNoNameIsClose) {
  const std::vector<std::string> owners = {"Acme Threat Feeds", "SOC Feeds"};
  EXPECT_EQ(nearest_name("Completely Different", owners), std::nullopt);
  EXPECT_EQ(nearest_name("x", {}), std::nullopt);
  EXPECT_EQ(did_you_mean("Completely Different", owners), "");
}

TEST(Counted, SingularForOneOnly) {
  EXPECT_EQ(counted(0, "document", "documents"), "0 documents");
  EXPECT_EQ(counted(1, "document", "documents"), "1 document");
  EXPECT_EQ(counted(2, "batch", "batches"), "2 batches");
  EXPECT_EQ(counted(1, "entry", "entries"), "1 entry");
}

}  // namespace
}  // namespace tcfeed
