#include "lib/pipeline/stream/indicator_stream.hpp"
#include "lib/pipeline/stream/reasons.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <optional>

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

// One indicator of a document, as the platform would read it.
struct Item {
  std::string type, summary;
  int64_t rating = -1, confidence = -1;
  std::optional<bool> active;
  std::vector<std::string> tags, labels;
};

class CollectingSink final : public BatchSink {
 public:
  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override {
    simdjson::dom::parser parser;
    const simdjson::dom::element root = parser.parse(document);
    std::size_t count = 0;
    for (const auto element : root["indicator"].get_array()) {
      Item item;
      item.type = std::string(element["type"].get_string().value());
      item.summary = std::string(element["summary"].get_string().value());
      item.rating = element["rating"].get_int64();
      item.confidence = element["confidence"].get_int64();
      if (const auto active = element["active"]; !active.error()) item.active = active.get_bool().value();
      if (const auto tags = element["tag"]; !tags.error()) {
        for (const auto tag : tags.get_array()) item.tags.emplace_back(tag["name"].get_string().value());
      }
      if (const auto labels = element["securityLabel"]; !labels.error()) {
        for (const auto label : labels.get_array()) item.labels.emplace_back(label["name"].get_string().value());
      }
      items.push_back(std::move(item));
      ++count;
    }
    EXPECT_EQ(count, indicators);
    EXPECT_EQ(seen.size(), indicators);  // every indicator sent is remembered with its document
    sizes.push_back(document.size());
    seen_entries += seen.size();
  }
  std::vector<Item> items;
  std::vector<std::size_t> sizes;
  std::size_t seen_entries = 0;
};

class IndicatorStreamTest : public ::testing::Test {
 protected:
  IndicatorStreamTest() {
    connector_.name = "feed";
    connector_.owner = "Demo Organization";
    connector_.tags = {"botnet"};
    connector_.security_labels = {"TLP:CLEAR"};
  }
  // One run of the connector over `offers`, with a stamp `stamp` (seconds).
  void run(std::uint32_t stamp, const std::function<void(IndicatorStream&)>& offers) {
    IndicatorStream stream(connector_, global_, policy_, stripped_, seen_, {stamp, 7 * 86400}, sink_, counters_);
    offers(stream);
    stream.finish();
  }
  static void offer(IndicatorStream& stream, IndicatorType type, std::string_view value, std::optional<int> rating = {},
                    std::optional<int> confidence = {}, std::vector<std::string_view> tags = {}) {
    Candidate candidate;
    candidate.type = type;
    candidate.value = value;
    candidate.rating = rating;
    candidate.confidence = confidence;
    candidate.tags = std::move(tags);
    stream.accept(candidate);
  }
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  std::vector<std::string> stripped_{"abuse.ch", "URLhaus"};
  SeenSet seen_;
  CollectingSink sink_;
  RunCounters counters_;
};

TEST_F(IndicatorStreamTest, NormalizesAndSkipsRepeatsOfTheSameValue) {
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Host, "Bücher.Example");
    offer(s, IndicatorType::Host, "xn--bcher-kva.example.");
    offer(s, IndicatorType::URL, "http://xn--bcher-kva.example/");
  });
  ASSERT_EQ(sink_.items.size(), 2u);
  EXPECT_EQ(sink_.items[0].summary, "xn--bcher-kva.example");
  EXPECT_EQ(sink_.items[1].type, "URL");
  EXPECT_EQ(counters_.duplicates, 1u);
  EXPECT_EQ(counters_.candidates, 3u);
  EXPECT_EQ(counters_.indicators, 2u);
}

TEST_F(IndicatorStreamTest, CountsRejectsPerReason) {
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Address, "999.1.1.1");
    offer(s, IndicatorType::Address, "1.2.3");
    offer(s, IndicatorType::Address, "203.0.113.7");
  });
  EXPECT_EQ(sink_.items.size(), 1u);
  std::size_t rejected = 0;
  // Counted under the stable code, not the text (docs/reasons.md): the code is the metric label.
  const auto codes = rejected_codes();
  for (const auto& [reason, count] : counters_.rejected) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), reason), codes.end()) << reason;
    rejected += count;
  }
  EXPECT_EQ(rejected, 2u);
  EXPECT_EQ(counters_.rejected["ipv4_octet_out_of_range"], 1u);
}

TEST_F(IndicatorStreamTest, RatingComesFromSourceThenConnectorThenDefaults) {
  global_.default_rating = 1;
  global_.default_confidence = 10;
  run(1000, [](IndicatorStream& s) { offer(s, IndicatorType::Address, "198.51.100.1"); });
  connector_.rating = 2;
  connector_.confidence = 20;
  run(1001, [](IndicatorStream& s) {
    offer(s, IndicatorType::Address, "198.51.100.2");
    offer(s, IndicatorType::Address, "198.51.100.3", 4, 90);
    offer(s, IndicatorType::Address, "198.51.100.4", 9, 400);  // out of range from a source: clamped
  });
  const auto& items = sink_.items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].rating, 1);
  EXPECT_EQ(items[0].confidence, 10);
  EXPECT_EQ(items[1].rating, 2);
  EXPECT_EQ(items[1].confidence, 20);
  EXPECT_EQ(items[2].rating, 4);
  EXPECT_EQ(items[2].confidence, 90);
  EXPECT_EQ(items[3].rating, 5);
  EXPECT_EQ(items[3].confidence, 100);
  EXPECT_EQ(counters_.clamped, 2u);
}

TEST_F(IndicatorStreamTest, DropsBenignRecordsAndAllowlistedValues) {
  ASSERT_TRUE(policy_.allowlist.add_builtin("reserved-ip-ranges"));
  ASSERT_FALSE(policy_.allowlist.add("example.org").has_value());
  run(1000, [](IndicatorStream& s) {
    Candidate benign;
    benign.type = IndicatorType::Host;
    benign.value = "good.example";
    benign.benign = true;
    s.accept(benign);
    offer(s, IndicatorType::Address, "192.168.7.7");
    offer(s, IndicatorType::URL, "http://cdn.example.org/x");
    offer(s, IndicatorType::Host, "notexample.org");
  });
  ASSERT_EQ(sink_.items.size(), 1u);
  EXPECT_EQ(sink_.items[0].summary, "notexample.org");
  EXPECT_EQ(counters_.dropped["benign"], 1u);
  EXPECT_EQ(counters_.dropped["allowlist:reserved-ip-ranges"], 1u);
  EXPECT_EQ(counters_.dropped["allowlist:entry"], 1u);
}

// The values: a public resolver and the empty file's SHA-256 went out as malicious.
TEST_F(IndicatorStreamTest, WarninglistedValuesAreDroppedOrTaggedPerList) {
  for (const auto name : Warninglists::builtin_names()) ASSERT_TRUE(policy_.warninglists.add_builtin(name));
  ASSERT_TRUE(policy_.warninglists.set_tag_only("public-dns-resolver-hosts"));
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Address, "8.8.8.8");
    offer(s, IndicatorType::File, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
    offer(s, IndicatorType::Host, "dns.google");
    offer(s, IndicatorType::Address, "8.8.8.9");
  });
  ASSERT_EQ(sink_.items.size(), 2u);
  EXPECT_EQ(sink_.items[0].summary, "dns.google");
  EXPECT_EQ(sink_.items[0].tags, (std::vector<std::string>{"botnet", "Warninglist: public-dns-resolver-hosts"}));
  EXPECT_EQ(sink_.items[1].summary, "8.8.8.9");
  EXPECT_EQ(counters_.dropped["warninglist:public-dns-resolvers"], 1u);
  EXPECT_EQ(counters_.dropped["warninglist:empty-file-hashes"], 1u);
  EXPECT_EQ(counters_.warninglisted["public-dns-resolver-hosts"], 1u);
  EXPECT_EQ(counters_.indicators, 2u);
}

// A source that says whether an indicator is live (Feodo's status): sent as it says, a change of it
// sent again; a source that does not say leaves the platform's flag alone.
TEST_F(IndicatorStreamTest, TheSourcesActiveFlagIsSentAndItsChangeToo) {
  const auto offer_active = [](IndicatorStream& s, std::string_view value, std::optional<bool> active) {
    Candidate candidate;
    candidate.type = IndicatorType::Address;
    candidate.value = value;
    candidate.active = active;
    s.accept(candidate);
  };
  run(1000, [&](IndicatorStream& s) {
    offer_active(s, "198.51.100.1", false);
    offer_active(s, "198.51.100.2", true);
    offer_active(s, "198.51.100.3", std::nullopt);
  });
  ASSERT_EQ(sink_.items.size(), 3u);
  EXPECT_EQ(sink_.items[0].active, false);
  EXPECT_EQ(sink_.items[1].active, true);
  EXPECT_EQ(sink_.items[2].active, std::nullopt);
  run(2000, [&](IndicatorStream& s) {
    offer_active(s, "198.51.100.1", true);  // online again: sent
    offer_active(s, "198.51.100.2", true);  // unchanged
  });
  ASSERT_EQ(sink_.items.size(), 4u);
  EXPECT_EQ(sink_.items[3].summary, "198.51.100.1");
  EXPECT_EQ(sink_.items[3].active, true);
  EXPECT_EQ(counters_.unchanged, 1u);
}

TEST_F(IndicatorStreamTest, AttackTechniquesBecomeTagsOnlyWhenKnown) {
  policy_.attack_catalog.add_technique("T1055", "Process Injection");
  run(1000, [](IndicatorStream& s) {
    Candidate candidate;
    candidate.type = IndicatorType::Host;
    candidate.value = "c2.example";
    candidate.attack_techniques = {"T1055", "T9999"};
    candidate.attack_tactic = "defense-evasion";
    s.accept(candidate);
  });
  ASSERT_EQ(sink_.items.size(), 1u);
  const auto& tags = sink_.items[0].tags;
  EXPECT_NE(std::find(tags.begin(), tags.end(), "T1055 - Process Injection - DEF - ENT - ATT&CK"), tags.end());
  EXPECT_EQ(counters_.attack_unknown, 1u);
}

// A source's tag dropped (control character, invalid UTF-8) or cut to 128 bytes is counted per
// reason, per indicator that carried it; the indicator itself is still sent.
TEST_F(IndicatorStreamTest, CountsTheTagsCleaningDroppedOrCut) {
  const std::string long_tag(300, 'x');
  run(1000, [&](IndicatorStream& s) {
    offer(s, IndicatorType::Host, "a.example", {}, {},
          {"ok", std::string_view("nul\0byte", 8), "esc\x1b[31m", "bad\xff", long_tag});
    offer(s, IndicatorType::Host, "b.example", {}, {}, {"bad\xfe", "fine"});
  });
  ASSERT_EQ(sink_.items.size(), 2u);
  EXPECT_EQ(sink_.items[0].tags, (std::vector<std::string>{"botnet", "ok", std::string(128, 'x')}));
  EXPECT_EQ(counters_.tags_dropped["control_character"], 2u);
  EXPECT_EQ(counters_.tags_dropped["invalid_utf8"], 2u);
  EXPECT_EQ(counters_.tags_cut, 1u);
}

// The second record with the same raw tags takes them from the memo: the same tags are sent and
// what cleaning took is counted for it again.
TEST_F(IndicatorStreamTest, RepeatedTagListsAreSentAndCountedAlike) {
  const std::string long_tag(300, 'y');
  run(1000, [&](IndicatorStream& s) {
    for (const auto* host : {"a.example", "b.example", "c.example"}) {
      offer(s, IndicatorType::Host, host, {}, {}, {"Mirai", "bad\xff", long_tag, "urlhaus", "mirai"});
    }
    offer(s, IndicatorType::Host, "d.example", {}, {}, {"Mirai", "elf"});
  });
  ASSERT_EQ(sink_.items.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(sink_.items[i].tags, (std::vector<std::string>{"botnet", "Mirai", std::string(128, 'y')})) << i;
  }
  EXPECT_EQ(sink_.items[3].tags, (std::vector<std::string>{"botnet", "Mirai", "elf"}));
  EXPECT_EQ(counters_.tags_dropped["invalid_utf8"], 3u);
  EXPECT_EQ(counters_.tags_cut, 3u);
}

// A tag-only warninglist's tag is the record's own: a hit between two records with the same raw
// tags must not leave its tag on the next one.
TEST_F(IndicatorStreamTest, AWarninglistTagStaysWithItsRecord) {
  ASSERT_TRUE(policy_.warninglists.add_builtin("public-dns-resolver-hosts"));
  ASSERT_TRUE(policy_.warninglists.set_tag_only("public-dns-resolver-hosts"));
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Host, "a.example", {}, {}, {"dns"});
    offer(s, IndicatorType::Host, "dns.google", {}, {}, {"dns"});
    offer(s, IndicatorType::Host, "b.example", {}, {}, {"dns"});
  });
  ASSERT_EQ(sink_.items.size(), 3u);
  EXPECT_EQ(sink_.items[0].tags, sink_.items[2].tags);
  EXPECT_EQ(sink_.items[1].tags.size(), sink_.items[0].tags.size() + 1);
}

// A hint of the records to come sizes the seen set once; a hint from a huge file is capped.
TEST_F(IndicatorStreamTest, ExpectSizesTheSeenSetOnce) {
  run(1000, [](IndicatorStream& s) { s.expect(100'000); });
  const std::size_t sized = seen_.memory_bytes();
  EXPECT_GE(sized, 100'000 * sizeof(SeenSet::Entry));
  EXPECT_LT(sized, 200'000 * sizeof(SeenSet::Entry));
  run(2000, [](IndicatorStream& s) {
    s.expect(50'000);  // fewer than the set holds room for: nothing shrinks or moves
  });
  EXPECT_EQ(seen_.memory_bytes(), sized);
  SeenSet other;
  IndicatorStream stream(connector_, global_, policy_, stripped_, other, {1000, 0}, sink_, counters_);
  stream.expect(std::size_t{1} << 40);
  EXPECT_LE(other.memory_bytes(), (std::size_t{1} << 23) * sizeof(SeenSet::Entry));
}

TEST_F(IndicatorStreamTest, MergesStaticAndRecordTagsWithoutDuplicates) {
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Address, "198.51.100.9", {}, {}, {"botnet", " mirai ", "", "URLhaus", "Botnet"});
  });
  ASSERT_EQ(sink_.items.size(), 1u);
  EXPECT_EQ(sink_.items[0].tags, (std::vector<std::string>{"botnet", "mirai"}));
  EXPECT_EQ(sink_.items[0].labels, (std::vector<std::string>{"TLP:CLEAR"}));
}

TEST_F(IndicatorStreamTest, ASecondRunSendsOnlyWhatChanged) {
  const auto feed = [](std::optional<int> rating_of_second) {
    return [rating_of_second](IndicatorStream& s) {
      offer(s, IndicatorType::Host, "a.example", 3);
      offer(s, IndicatorType::Host, "b.example", rating_of_second);
      offer(s, IndicatorType::Host, "c.example", 3);
    };
  };
  run(1000, feed(3));
  EXPECT_EQ(sink_.items.size(), 3u);
  run(2000, feed(3));  // the same full list again
  EXPECT_EQ(sink_.items.size(), 3u);
  EXPECT_EQ(counters_.unchanged, 3u);
  run(3000, feed(5));  // one line changed
  ASSERT_EQ(sink_.items.size(), 4u);
  EXPECT_EQ(sink_.items[3].summary, "b.example");
  EXPECT_EQ(sink_.items[3].rating, 5);
  run(1000 + 7 * 86400, feed(5));  // a week after the first send: refresh a.example and c.example
  EXPECT_EQ(sink_.items.size(), 6u);
}

TEST_F(IndicatorStreamTest, TheSameValueInAnotherConnectorOrOwnerIsNotSuppressed) {
  run(1000, [](IndicatorStream& s) { offer(s, IndicatorType::Host, "a.example"); });
  connector_.name = "other-feed";  // docs/architecture.md, Stream: keyed by (owner, connector, type, value)
  run(2000, [](IndicatorStream& s) { offer(s, IndicatorType::Host, "a.example"); });
  connector_.owner = "Other Owner";
  run(3000, [](IndicatorStream& s) { offer(s, IndicatorType::Host, "a.example"); });
  EXPECT_EQ(sink_.items.size(), 3u);
  EXPECT_EQ(counters_.unchanged, 0u);
}

TEST_F(IndicatorStreamTest, DocumentsRespectTheJobLimits) {
  global_.batch.max_indicators = 7;
  global_.batch.max_bytes = 1500;
  run(1000, [](IndicatorStream& s) {
    for (int i = 0; i < 50; ++i) {
      const std::string url = "http://example.com/" + std::to_string(i) + std::string(static_cast<std::size_t>(i), 'p');
      offer(s, IndicatorType::URL, url);
    }
    offer(s, IndicatorType::URL, "http://example.com/" + std::string(2000, 'x'));  // too large on its own
  });
  EXPECT_EQ(sink_.items.size(), 50u);
  EXPECT_EQ(sink_.seen_entries, 50u);
  EXPECT_EQ(counters_.rejected["too_large_for_batch"], 1u);
  for (const auto size : sink_.sizes) EXPECT_LE(size, 1500u);
  EXPECT_EQ(counters_.jobs, sink_.sizes.size());
  EXPECT_GE(sink_.sizes.size(), 8u);  // 50 items, at most 7 a document
  for (std::size_t i = 0; i < 50; ++i)
    EXPECT_EQ(sink_.items[i].summary.rfind("http://example.com/" + std::to_string(i), 0), 0u);
}

}  // namespace
}  // namespace tcfeed::pipeline
