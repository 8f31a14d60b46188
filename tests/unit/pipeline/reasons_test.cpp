// Every reason code is in docs/reasons.md's tables with its text (the operator's lookup from a
// metric label to a meaning), and the texts of the run log come from the codes.
#include "lib/pipeline/stream/reasons.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "lib/pipeline/connector/unmapped.hpp"
#include "lib/pipeline/stream/allowlist.hpp"

namespace tcfeed::pipeline {
namespace {

std::string reasons_doc() {
  const char* source = std::getenv("TCFEED_SOURCE_DIR");
  if (source == nullptr) return {};
  std::ifstream in(std::string(source) + "/docs/reasons.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A table row that starts with the code and holds its text.
bool has_row(const std::string& doc, std::string_view code, std::string_view text) {
  const std::string start = "| `" + std::string(code) + "` |";
  const auto at = doc.find(start);
  if (at == std::string::npos) return false;
  const auto end = doc.find('\n', at);
  return doc.substr(at, end - at).find(text) != std::string::npos;
}

TEST(Reasons, EveryCodeIsInTheDocumentedTableWithItsText) {
  const std::string doc = reasons_doc();
  ASSERT_FALSE(doc.empty()) << "docs/reasons.md not found (TCFEED_SOURCE_DIR)";
  for (const auto code : rejected_codes()) EXPECT_TRUE(has_row(doc, code, rejected_text(code))) << code;
  for (const auto reason : all_unmapped()) {
    EXPECT_TRUE(has_row(doc, unmapped_code(reason), unmapped_text(reason))) << unmapped_code(reason);
  }
  for (const auto code : tag_dropped_codes()) EXPECT_TRUE(has_row(doc, code, rejected_text(code))) << code;
  for (const std::string_view code : {kBenign, Allowlist::kEntryReason, Allowlist::kReservedReason}) {
    EXPECT_TRUE(has_row(doc, code, dropped_text(code))) << code;
  }
}

TEST(Reasons, CodesAreShortSnakeCaseWords) {
  for (const auto code : rejected_codes()) {
    EXPECT_LE(code.size(), 32u) << code;
    for (const char c : code) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << code;
    EXPECT_NE(rejected_text(code), code) << "no text for " << code;
  }
  EXPECT_EQ(rejected_text("too_large_for_batch"), "larger than batch.max_bytes on its own");
  EXPECT_EQ(rejected_text("url_missing_host"), "URL without a host");
  EXPECT_EQ(dropped_text("warninglist:public-dns-resolvers"), "on warninglist 'public-dns-resolvers'");
}

}  // namespace
}  // namespace tcfeed::pipeline
