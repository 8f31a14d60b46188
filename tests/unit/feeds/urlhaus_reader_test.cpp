// The URLhaus reader over in-memory exports: what the CSV reader skips is still a record read.
#include "connectors/urlhaus/urlhaus_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/feeds/recording_sink.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

using testing_support::RecordingSink;

constexpr const char* kHeader = "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n";

std::string row(int id, const std::string& url) {
  return "\"" + std::to_string(id) + "\",\"2024-05-14 10:19:05\",\"" + url +
         "\",\"online\",\"\",\"malware_download\",\"elf\",\"https://urlhaus.abuse.ch/url/" + std::to_string(id) +
         "/\",\"anonymous\"\n";
}

// A CSV file's size tells the sink about how many rows follow, so the seen set is sized once.
TEST(UrlhausReader, AFilesSizeTellsTheSinkWhatToExpect) {
  struct ExpectingSink final : pipeline::CandidateSink {
    void accept(const pipeline::Candidate&) override { ++accepted; }
    void unmapped(pipeline::Unmapped) override {}
    void expect(std::size_t records) override { expected = records; }
    std::size_t accepted = 0, expected = 0;
  };
  const std::string dir = std::getenv("TCFEED_SOURCE_DIR") ? std::getenv("TCFEED_SOURCE_DIR") : ".";
  const std::string path = dir + "/tests/fixtures/urlhaus/csv_recent.csv";
  ExpectingSink sink;
  const ReadResult read = read_urlhaus(std::make_unique<pipeline::FileSource>(path), {}, sink);
  ASSERT_GT(read.records, 0u);
  // Within a factor of two of the rows: enough to size a table, never a count.
  EXPECT_GE(sink.expected * 2, read.records);
  EXPECT_LE(sink.expected, read.records * 2);
  ExpectingSink in_memory;
  read_urlhaus(std::make_unique<pipeline::StringSource>(kHeader + row(1, "http://a.example/x")), {}, in_memory);
  EXPECT_EQ(in_memory.expected, 0u);
  EXPECT_EQ(in_memory.accepted, 1u);
}

// A row over the CSV reader's 1 MiB record limit is counted unmapped and, like every other skip
// (JSON's, the generic connectors'), as a record read: tcfeed_records_total never falls below
// what tcfeed_unmapped_total says was read.
TEST(UrlhausReader, AnOversizedCsvRowIsARecordRead) {
  const std::string huge = "http://b.example/" + std::string(2 << 20, 'y');
  const std::string csv = kHeader + row(1, "http://a.example/x") + row(2, huge) + row(3, "http://c.example/z");
  RecordingSink sink;
  const ReadResult read = read_urlhaus(std::make_unique<pipeline::StringSource>(csv), {}, sink);
  EXPECT_EQ(read.records, 3u);
  EXPECT_EQ(read.max_id, 3);
  EXPECT_EQ(sink.lines,
            (std::vector<std::string>{
                "URL\thttp://a.example/x\tmalware_download|elf\tattr=Source:https://urlhaus.abuse.ch/url/1/",
                "URL\thttp://c.example/z\tmalware_download|elf\tattr=Source:https://urlhaus.abuse.ch/url/3/",
                "unmapped\toversized_record"}));
}

TEST(UrlhausReader, AMissingColumnRefusesTheExport) {
  RecordingSink sink;
  try {
    read_urlhaus(std::make_unique<pipeline::StringSource>("# id,dateadded,url_status\n\"1\",\"x\",\"online\"\n"), {},
                 sink);
    FAIL() << "read";
  } catch (const pipeline::SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "URLhaus CSV: the header has no 'url' column; the export's format changed or this is not a URLhaus "
                 "export");
  }
}

}  // namespace
}  // namespace tcfeed::connectors::urlhaus
