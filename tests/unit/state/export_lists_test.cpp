// Each export's last good list survives a restart whole, and a held shrink with it. Real SQLite files.
#include "lib/state/migrations.hpp"
#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class ExportListsTest : public testing::StateTest {};

TEST_F(ExportListsTest, AListIsReadBackAfterReopening) {
  ExportListRow row{"ips", std::string("{\"id\":1}\n\0binary", 17), 1, "2026-12-06T08:00:00Z", 100, 90, -5};
  {
    auto store = open();
    EXPECT_GE(store.schema_version(), kExportListsSchema);
    EXPECT_FALSE(store.export_list("ips"));
    store.save_export_list(row);
  }
  auto store = open();
  const auto read = store.export_list("ips");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->entries, row.entries);
  EXPECT_EQ(read->entry_count, 1);
  EXPECT_EQ(read->since, "2026-12-06T08:00:00Z");
  EXPECT_EQ(read->refreshed_at, 100);
  EXPECT_EQ(read->full_at, 90);
  EXPECT_EQ(read->held_shrink, -5);
}

TEST_F(ExportListsTest, SavingReplacesTheWholeRowAndClearsAHeldShrink) {
  auto store = open();
  store.save_export_list({"ips", "a\n", 1, "x", 1, 1, 42});
  store.save_export_list({"ips", "b\nc\n", 2, "y", 2, 1, std::nullopt});
  store.save_export_list({"other", "z\n", 1, "", 3, 3, std::nullopt});
  const auto read = store.export_list("ips");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->entries, "b\nc\n");
  EXPECT_EQ(read->entry_count, 2);
  EXPECT_FALSE(read->held_shrink);
  EXPECT_EQ(store.export_list("other")->entries, "z\n");
}

TEST_F(ExportListsTest, MarksAloneKeepTheEntries) {
  auto store = open();
  store.save_export_marks({"new", "", 0, "m", 1, 1, std::nullopt});
  EXPECT_FALSE(store.export_list("new"));  // nothing to update
  store.save_export_list({"ips", "a\n", 1, "x", 1, 1, std::nullopt});
  store.save_export_marks({"ips", "", 0, "y", 5, 4, 7});
  const auto read = store.export_list("ips");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->entries, "a\n");
  EXPECT_EQ(read->entry_count, 1);
  EXPECT_EQ(read->since, "y");
  EXPECT_EQ(read->refreshed_at, 5);
  EXPECT_EQ(read->full_at, 4);
  EXPECT_EQ(read->held_shrink, 7);
}

}  // namespace
}  // namespace tcfeed::state
