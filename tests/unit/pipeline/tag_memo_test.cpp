#include "lib/pipeline/stream/tag_memo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tcfeed::pipeline {
namespace {

using Tags = std::vector<std::string_view>;

TagMemo::Outcome outcome(Tags tags, std::size_t cut = 0) {
  TagMemo::Outcome result;
  result.tags = std::move(tags);
  result.cut = cut;
  return result;
}

TEST(TagMemo, RemembersWhatAListBecameInItsOwnCopy) {
  TagMemo memo;
  std::string raw_text = " Mirai ,elf";
  const Tags raw{std::string_view(raw_text).substr(0, 7), std::string_view(raw_text).substr(8)};
  EXPECT_EQ(memo.find(raw), nullptr);
  std::string cleaned = "Mirai";
  memo.remember(raw, outcome({cleaned, "elf"}, 1));
  raw_text.assign(raw_text.size(), '#');  // the record's buffer is reused for the next record
  cleaned.clear();
  const Tags again{" Mirai ", "elf"};
  const TagMemo::Outcome* known = memo.find(again);
  ASSERT_NE(known, nullptr);
  EXPECT_EQ(known->tags, (Tags{"Mirai", "elf"}));
  EXPECT_EQ(known->cut, 1u);
}

TEST(TagMemo, ListsThatJoinAlikeAreDifferent) {
  TagMemo memo;
  memo.remember(Tags{"ab"}, outcome({"ab"}));
  EXPECT_EQ(memo.find(Tags{"a", "b"}), nullptr);
  EXPECT_EQ(memo.find(Tags{"ab", ""}), nullptr);
  EXPECT_EQ(memo.find(Tags{}), nullptr);
  memo.remember(Tags{}, outcome({}));
  ASSERT_NE(memo.find(Tags{}), nullptr);
  EXPECT_TRUE(memo.find(Tags{})->tags.empty());
  ASSERT_NE(memo.find(Tags{"ab"}), nullptr);
}

TEST(TagMemo, ALongListIsNotRemembered) {
  TagMemo memo;
  const std::string long_tag(2000, 'x');
  memo.remember(Tags{long_tag}, outcome({std::string_view(long_tag).substr(0, 128)}));
  EXPECT_EQ(memo.find(Tags{long_tag}), nullptr);
}

// Many more lists than slots: each answer is either nothing or the list's own, never another's.
TEST(TagMemo, NeverAnswersWithAnotherListsTags) {
  TagMemo memo;
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) names.push_back("tag" + std::to_string(i));
  for (const auto& name : names) memo.remember(Tags{name}, outcome({name}));
  std::size_t remembered = 0;
  for (const auto& name : names) {
    if (const auto* known = memo.find(Tags{name})) {
      ASSERT_EQ(known->tags, Tags{name});
      ++remembered;
    }
  }
  EXPECT_GT(remembered, 500u);
  EXPECT_LE(remembered, 1024u);
}

}  // namespace
}  // namespace tcfeed::pipeline
