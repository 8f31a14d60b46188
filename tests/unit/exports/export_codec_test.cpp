// The list as the state file keeps it (docs/exports.md, Restarts): a round trip keeps every
// field, and a truncated or damaged blob is refused with an error, never read as a shorter list.
#include "lib/exports/export_codec.hpp"

#include <gtest/gtest.h>

namespace tcfeed::exports {
namespace {

using indicators::IndicatorType;

ExportEntry make(std::int64_t id, IndicatorType type, std::string value, std::string owner) {
  ExportEntry e;
  e.id = id;
  e.type = type;
  e.value = std::move(value);
  e.owner = std::move(owner);
  e.rating = 4.5;
  e.confidence = 80;
  e.threat_assess_rating = 4.37;
  e.threat_assess_confidence = 72.91;
  e.threat_assess_score = 250;
  e.last_modified = "2026-12-06T08:00:00Z";
  e.tags = {"botnet-c2", "Emotet"};
  return e;
}

std::vector<ExportEntry> expanded(const ExportList& list) {
  std::vector<ExportEntry> out;
  for (const auto& e : list.entries()) out.push_back(list.expand(e));
  return out;
}

std::vector<ExportEntry> sample() {
  auto a = make(7, IndicatorType::URL, "http://x.example/\"q\"", "Acme");
  auto b = make(9, IndicatorType::Address, "11.0.0.1", "Common Community");
  b.rating.reset();
  b.threat_assess_confidence.reset();
  b.threat_assess_score.reset();
  b.tags.clear();
  auto c = make(-3, IndicatorType::Host, "bad.example", "Acme");
  c.last_modified = "2026-12-06T08:00:00.250+00:00";  // not the usual form: kept as written
  c.threat_assess_score = -1;
  auto d = make(1'000'000'000'000, IndicatorType::Address, std::string(300, 'v'), "Acme");
  return {a, b, c, d};
}

TEST(ExportCodec, RoundTripsEveryField) {
  const auto list = ExportList::of(sample());
  const std::string blob = encode_entries(list);
  ASSERT_TRUE(blob.starts_with(kListMagic));
  EXPECT_EQ(static_cast<unsigned char>(blob[kListMagic.size()]), kListVersion);
  const auto back = decode_entries(blob);
  EXPECT_EQ(expanded(back), expanded(list));
  EXPECT_EQ(expanded(back)[0].last_modified, "2026-12-06T08:00:00.250+00:00");
  EXPECT_EQ(expanded(decode_entries(encode_entries(ExportList()))), std::vector<ExportEntry>());
}

TEST(ExportCodec, RefusesATruncatedBlob) {
  const std::string blob = encode_entries(ExportList::of(sample()));
  for (std::size_t size = kListMagic.size(); size < blob.size(); ++size) {
    EXPECT_THROW(decode_entries(std::string_view(blob).substr(0, size)), std::runtime_error) << size;
  }
}

TEST(ExportCodec, RefusesADamagedBlob) {
  const auto list = ExportList::of(sample());
  const std::string blob = encode_entries(list);
  std::size_t refused = 0;
  for (std::size_t at = 0; at < blob.size(); ++at) {
    std::string damaged = blob;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    // Refused, or (a flipped padding bit of the compressed stream's last byte) the same list.
    try {
      EXPECT_EQ(expanded(decode_entries(damaged)), expanded(list)) << at;
    } catch (const std::runtime_error&) {
      ++refused;
    }
  }
  EXPECT_GE(refused, blob.size() - 1);
  std::string later = blob;
  later[kListMagic.size()] = static_cast<char>(kListVersion + 1);
  EXPECT_THROW(decode_entries(later), std::runtime_error);
  EXPECT_THROW(decode_entries(blob + "x"), std::runtime_error);
}

TEST(ExportCodec, ReadsTheJsonLinesEarlierVersionsWrote) {
  const std::string old =
      R"({"id":7,"type":"URL","value":"http://x.example/","owner":"Acme","rating":4.5,"taScore":250,)"
      R"("lastModified":"2026-12-06T08:00:00Z","tags":["botnet-c2"]})"
      "\n"
      R"({"id":9,"type":"Address","value":"11.0.0.1","owner":"Acme","lastModified":"2026-12-06T08:00:00Z","tags":[]})"
      "\n";
  const auto entries = expanded(decode_entries(old));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, "http://x.example/");
  EXPECT_EQ(entries[0].rating, 4.5);
  EXPECT_EQ(entries[0].threat_assess_score, 250);
  EXPECT_EQ(entries[0].tags, std::vector<std::string>{"botnet-c2"});
  EXPECT_EQ(entries[1].owner, "Acme");
  EXPECT_THROW(decode_entries("{\"id\":1}\n"), std::runtime_error);
}

}  // namespace
}  // namespace tcfeed::exports
