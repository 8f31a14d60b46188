// The run's books balance for every connector type (docs/architecture.md, Stream): over random
// feeds — valid rows, broken ones, stray quotes, junk bytes, repeats, known-good values — every
// record read is mapped, unmapped or skipped, and every candidate queued, unchanged, a duplicate,
// rejected or dropped, on a first poll and on the poll after it (cursor, seen set).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"
#include "lib/pipeline/stream/counters.hpp"
#include "lib/pipeline/stream/indicator_stream.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::testing_support {
namespace {

class DiscardingSink final : public pipeline::BatchSink {
 public:
  void batch(std::string_view, std::size_t, std::span<const state::SeenEntry>) override {}
};

using Rng = std::mt19937;

std::string pick(Rng& rng, const std::vector<std::string>& options) {
  return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)];
}

int between(Rng& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

// Values of every kind a feed carries: valid, invalid, known-good, reserved, repeated.
std::string value(Rng& rng) {
  return pick(rng, {"evil-" + std::to_string(between(rng, 0, 30)) + ".example.com", "8.8.8.8", "192.168.1.1",
                    "185.216.71." + std::to_string(between(rng, 1, 40)),
                    "http://bad.example/x?id=" + std::to_string(between(rng, 0, 9)), "not a value", "",
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "http://[[2001:db8::1]:80/",
                    "xn--zca.com", "-foo.evil.com"});
}

std::string junk(Rng& rng) {
  std::string out;
  const int n = between(rng, 0, 40);
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>(between(rng, 0, 255)));
  return out;
}

std::string date(Rng& rng) {
  return pick(rng, {"2026-12-0" + std::to_string(between(rng, 1, 5)) + " 10:00:00", "2020-01-01 00:00:00",
                    "9999-12-31 23:59:59", "yesterday"});
}

// One line of a feed's rows, often right, sometimes broken.
using RowMaker = std::function<std::string(Rng&, int id)>;

struct FeedCase {
  std::string type;
  std::string keys;    // type-specific connector lines
  std::string header;  // the file's first lines
  RowMaker row;
};

std::vector<FeedCase> feed_cases() {
  return {
      {"urlhaus", "    host_as: host\n",
       "# URLhaus\n# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n",
       [](Rng& rng, int id) {
         return "\"" + std::to_string(id) + "\",\"" + date(rng) + "\",\"" + value(rng) + "\",\"" +
                pick(rng, {"online", "offline"}) +
                "\",\"\",\"malware_download\",\"elf,Mozi\",\"https://urlhaus.abuse.ch/url/" + std::to_string(id) +
                "/\",\"r\"";
       }},
      {"threatfox", "    min_confidence: 50\n",
       "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\",\"threat_type\",\"fk_malware\",\"malware_alias\","
       "\"malware_printable\",\"last_seen_utc\",\"confidence_level\",\"is_compromised\",\"reference\",\"tags\","
       "\"anonymous\",\"reporter\"\n",
       [](Rng& rng, int id) {
         return "\"" + date(rng) + "\", \"" + std::to_string(id) + "\", \"" + value(rng) + "\", \"" +
                pick(rng, {"domain", "url", "ip:port", "sha256_hash", "weird"}) +
                "\", \"botnet_cc\", \"x\", \"None\", \"" + pick(rng, {"Mozi", "Unknown malware"}) + "\", \"\", \"" +
                std::to_string(between(rng, 0, 110)) + "\", \"0\", \"None\", \"c2\", \"0\", \"r\"";
       }},
      {"feodo", "    include_offline: false\n", "first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n",
       [](Rng& rng, int) {
         return date(rng) + "," + value(rng) + "," + std::to_string(between(rng, 0, 70000)) + "," +
                pick(rng, {"online", "offline"}) + ",2026-12-01,Dridex";
       }},
      {"malwarebazaar", "",
       "# \"first_seen_utc\",\"sha256_hash\",\"md5_hash\",\"sha1_hash\",\"reporter\",\"file_name\",\"file_type_guess\","
       "\"mime_type\",\"signature\",\"clamav\",\"vtpercent\",\"imphash\",\"ssdeep\",\"tlsh\"\n",
       [](Rng& rng, int) {
         const std::string hash =
             pick(rng, {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        std::string(64, static_cast<char>('a' + between(rng, 0, 5))), "n/a", "a b"});
         return "\"" + date(rng) + "\", \"" + hash + "\", \"n/a\", \"n/a\", \"r\", \"f.exe\", \"exe\", \"x\", \"" +
                pick(rng, {"AgentTesla", "n/a"}) + "\", \"n/a\", \"n/a\", \"n/a\", \"n/a\", \"n/a\"";
       }},
      {"text", "    indicator_type: Host\n", "# a list\n", [](Rng& rng, int) { return value(rng); }},
      {"csv",
       "    value: indicator\n    type_column: kind\n    type_map: {domain: Host, ip: Address, url: URL}\n"
       "    filter: {column: status, equals: active}\n    mode: incremental\n    id_column: id\n",
       "id,indicator,kind,status\n",
       [](Rng& rng, int id) {
         return std::to_string(id) + "," + value(rng) + "," + pick(rng, {"domain", "ip", "url", "other"}) + "," +
                pick(rng, {"active", "retired"});
       }},
      // JSON lines: one object a line, a line of junk costs only itself.
      {"json", "    value: ioc.value\n    indicator_type: Host\n    mode: incremental\n    id_path: id\n", "",
       [](Rng& rng, int id) {
         return "{\"id\": " + pick(rng, {std::to_string(id), "\"x\"", "-1"}) + ", \"ioc\": {\"value\": \"" +
                value(rng) + "\"}}";
       }},
  };
}

struct Books {
  pipeline::RunBalance balance;
  std::size_t records = 0;
  std::size_t mapped = 0;
};

Books poll_and_balance(pipeline::Connector& connector, const config::Config& config, const pipeline::Policy& policy,
                       pipeline::SeenSet& seen, state::Cursor& cursor, std::uint32_t stamp) {
  pipeline::RunCounters counters;
  DiscardingSink sink;
  const std::vector<std::string> stripped;
  pipeline::IndicatorStream stream(config.connectors.at(0), config, policy, stripped, seen, {stamp, 7 * 86400}, sink,
                                   counters);
  try {
    const auto result = connector.poll(cursor, stream);
    cursor = result.next;
    counters.records = result.records;
  } catch (const pipeline::SourceError&) {
    // A structure the reader refuses (a broken JSON document): the run fails as a whole.
    return {};
  }
  stream.finish();
  return {pipeline::balance(counters), counters.records, counters.records_mapped};
}

TEST(RunBooks, EveryConnectorTypeAccountsForEveryRecordAndCandidate) {
  pipeline::Policy policy;
  ASSERT_TRUE(policy.allowlist.add_builtin("reserved-ip-ranges"));
  for (const auto name : pipeline::Warninglists::builtin_names()) ASSERT_TRUE(policy.warninglists.add_builtin(name));
  for (const auto& feed : feed_cases()) {
    std::size_t records = 0, mapped = 0;
    for (unsigned seed = 1; seed <= 25; ++seed) {
      SCOPED_TRACE(feed.type + " seed " + std::to_string(seed));
      Rng rng(seed);
      YamlConnector yaml;
      const std::string path = ::testing::TempDir() + "books-" + feed.type + ".txt";
      {
        std::ofstream out(path, std::ios::binary);
        out << feed.header;
        const int rows = between(rng, 0, 60);
        for (int i = 0; i < rows; ++i) {
          switch (between(rng, 0, 9)) {
            case 0: out << junk(rng) << "\n"; break;                    // anything at all
            case 1: out << "\"stray\"x," << value(rng) << "\n"; break;  // a broken quote (or JSON)
            default: out << feed.row(rng, 1000 + i) << "\n"; break;
          }
        }
      }
      auto connector = yaml.build(feed.type, "    url: file://" + path + "\n" + feed.keys);
      pipeline::SeenSet seen;
      state::Cursor cursor;
      for (std::uint32_t stamp : {1000u, 2000u}) {  // the first poll, and the next over the same file
        const auto books = poll_and_balance(*connector, yaml.config(), policy, seen, cursor, stamp);
        EXPECT_EQ(books.balance.unaccounted_records, 0) << "poll at " << stamp;
        EXPECT_EQ(books.balance.unaccounted_candidates, 0) << "poll at " << stamp;
        records += books.records;
        mapped += books.mapped;
      }
    }
    // The feeds are read, not refused whole: the sums above were over real records.
    EXPECT_GT(records, 500u) << feed.type;
    EXPECT_GT(mapped, 100u) << feed.type;
  }
}

}  // namespace
}  // namespace tcfeed::testing_support
