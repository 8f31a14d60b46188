// CsvReader: libcsv's behaviour is the oracle (docs/architecture.md, Dependencies); these pin the
// feed quirks on top of it.
#include "lib/pipeline/format/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Read {
  Rows rows;
  std::vector<std::string> header;
  CsvStats stats;
};

Read read_all(std::string text, CsvOptions options = {}) {
  StringSource source(std::move(text));
  CsvReader reader(source, options);
  Read out;
  reader.read([&](std::span<const std::string_view> fields) { out.rows.emplace_back(fields.begin(), fields.end()); });
  out.header = reader.header();
  out.stats = reader.stats();
  return out;
}

TEST(CsvReader, QuotedCommasAndEscapedQuotes) {
  const auto read = read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0], (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ(read.header, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvReader, SpaceAfterCommaSeparatorAsThreatFoxWritesIt) {
  const auto read = read_all("h1, h2, h3\n\"2024-05-14 10:00:00\", \"a, b\", \"None\"\n");
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0], (std::vector<std::string>{"2024-05-14 10:00:00", "a, b", "None"}));
  EXPECT_EQ(read.header, (std::vector<std::string>{"h1", "h2", "h3"}));
}

TEST(CsvReader, CrLfLineEndingsAndNoFinalNewline) {
  const auto read = read_all("a,b\r\n1,2\r\n3,4");
  EXPECT_EQ(read.rows, (Rows{{"1", "2"}, {"3", "4"}}));
}

TEST(CsvReader, QuotedNewlineStaysInTheField) {
  const auto read = read_all("a,b\n\"line1\nline2\",x\n# comment\n");
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0][0], "line1\nline2");
  EXPECT_EQ(read.stats.comments, 1u);
}

TEST(CsvReader, HeaderFromTheLastCommentAfterABanner) {
  CsvOptions options;
  options.header = CsvHeader::LastComment;
  const auto read = read_all(
      "#####\n# Last updated: 2024-05-14 10:20:08 (UTC) #\n#\n# id,dateadded,url\n"
      "\"1\",\"2024-05-14\",\"http://a/\"\n# Number of entries: 1\n",
      options);
  EXPECT_EQ(read.header, (std::vector<std::string>{"id", "dateadded", "url"}));
  EXPECT_EQ(read.rows, (Rows{{"1", "2024-05-14", "http://a/"}}));
  EXPECT_EQ(read.stats.comments, 5u);
}

TEST(CsvReader, QuotedHeaderCommentWithSpaces) {
  CsvOptions options;
  options.header = CsvHeader::LastComment;
  const auto read =
      read_all("# \"first_seen_utc\", \"ioc_id\", \"ioc_value\"\n\"2024\", \"7\", \"1.2.3.4:80\"\n", options);
  EXPECT_EQ(read.header, (std::vector<std::string>{"first_seen_utc", "ioc_id", "ioc_value"}));
  EXPECT_EQ(read.rows, (Rows{{"2024", "7", "1.2.3.4:80"}}));
}

TEST(CsvReader, AnAddedColumnIsFoundByName) {
  StringSource source("ioc_id,is_compromised,ioc_value\n7,false,evil.example\n");
  CsvReader reader(source);
  int value_column = -2;
  std::vector<std::string> values;
  reader.read(
      [&](std::span<const std::string_view> fields) {
        values.emplace_back(fields[static_cast<std::size_t>(value_column)]);
      },
      [&](const CsvReader& header) { value_column = header.column("ioc_value"); });
  EXPECT_EQ(value_column, 2);
  EXPECT_EQ(reader.column("missing"), -1);
  EXPECT_EQ(values, (std::vector<std::string>{"evil.example"}));
}

TEST(CsvReader, HeaderCallbackMayRefuseTheFeed) {
  StringSource source("a,b\n1,2\n");
  CsvReader reader(source);
  int records = 0;
  EXPECT_THROW(reader.read([&](std::span<const std::string_view>) { ++records; },
                           [](const CsvReader&) { throw SourceError("no url column"); }),
               SourceError);
  EXPECT_EQ(records, 0);
}

TEST(CsvReader, HeaderCallbackRunsForAHeaderOnlyFeed) {
  StringSource source("# id,url\n");
  CsvOptions options;
  options.header = CsvHeader::LastComment;
  CsvReader reader(source, options);
  bool called = false;
  reader.read([](std::span<const std::string_view>) {},
              [&](const CsvReader& header) { called = header.column("url") == 1; });
  EXPECT_TRUE(called);
}

TEST(CsvReader, AQuotedHashIsDataNotAComment) {
  CsvOptions options;
  options.header = CsvHeader::None;
  const auto read = read_all("\"#tag\",x\n#real comment\n", options);
  EXPECT_EQ(read.rows, (Rows{{"#tag", "x"}}));
}

TEST(CsvReader, OversizedRecordIsCountedAndSkipped) {
  CsvOptions options;
  options.header = CsvHeader::None;
  options.max_record_bytes = 64;
  options.chunk_bytes = 16;  // the long line crosses many chunks
  const auto read = read_all("a,b\n" + std::string(500, 'x') + ",y\nc,d\n", options);
  EXPECT_EQ(read.rows, (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(read.stats.oversized, 1u);
}

// A field already over the limit and then the line's input over it within the same chunk: the
// record was dropped with neither count (the field's flag was cleared before the record ended), so
// a line vanished from every summary. Found by csv_reader_fuzz.
TEST(CsvReader, ALineOverTheLimitIsCountedWhicheverCheckSeesItFirst) {
  CsvOptions options;
  options.header = CsvHeader::None;
  options.max_record_bytes = 32;
  const std::string text = std::string(34, 'x') + ",tail\nc,d\n";
  for (std::size_t chunk : {1, 7, 16, 35, 64}) {
    options.chunk_bytes = chunk;
    const auto read = read_all(text, options);
    EXPECT_EQ(read.rows, (Rows{{"c", "d"}})) << "chunk " << chunk;
    EXPECT_EQ(read.stats.oversized, 1u) << "chunk " << chunk;
  }
}

TEST(CsvReader, UnterminatedQuoteCannotSwallowTheFeed) {
  CsvOptions options;
  options.header = CsvHeader::None;
  options.max_record_bytes = 64;
  std::string text = "a,b\n\"never closed,";
  for (int i = 0; i < 100; ++i) text += "more text on line " + std::to_string(i) + "\n";
  const auto read = read_all(text, options);
  EXPECT_EQ(read.rows.front(), (std::vector<std::string>{"a", "b"}));
  EXPECT_GE(read.stats.oversized, 1u);
}

// libcsv takes a quote followed by anything but a delimiter or a line end as literal and keeps
// the field open, so `"a"x,b` swallowed every following line into one field (issue: a full list
// then "lost" those rows). The record is dropped and counted; the next line reads as it should.
TEST(CsvReader, AStrayQuoteCostsItsLineOnly) {
  const std::string text = "value,type\ngood1,domain\n\"good2\"x,domain\ngood3,domain\ngood4,domain\n";
  for (std::size_t chunk : {1, 2, 3, 5, 7, 64}) {
    CsvOptions options;
    options.chunk_bytes = chunk;
    const auto read = read_all(text, options);
    EXPECT_EQ(read.rows, (Rows{{"good1", "domain"}, {"good3", "domain"}, {"good4", "domain"}})) << chunk;
    EXPECT_EQ(read.stats.broken, 1u) << chunk;
    // A bare CR ends a record (as in libcsv) inside the line of the broken one: what follows it is
    // read the same wherever a chunk was cut.
    const auto cr = read_all("value,type\n\"a\"x\"\rgood5,domain\ngood6,domain\n", options);
    EXPECT_EQ(cr.rows, (Rows{{"good5", "domain"}, {"good6", "domain"}})) << chunk;
    EXPECT_EQ(cr.stats.broken, 1u) << chunk;
  }
}

TEST(CsvReader, EveryShapeOfBrokenQuoteIsCountedOnce) {
  CsvOptions options;
  options.header = CsvHeader::None;
  // Closed within the line after the stray quote; spaces then a quote; a stray quote at the end.
  const auto read = read_all("\"a\"x,\"b\"\nok1\n\"c\" \"d\",e\nok2\n\"f\"g\nok3\n", options);
  EXPECT_EQ(read.rows, (Rows{{"ok1"}, {"ok2"}, {"ok3"}}));
  EXPECT_EQ(read.stats.broken, 3u);
  // A quote never closed: what it swallowed is unknown, the record is counted, never handed on.
  const auto open = read_all("ok\n\"never closed,x\nlost1\nlost2\n", options);
  EXPECT_EQ(open.rows, (Rows{{"ok"}}));
  EXPECT_EQ(open.stats.broken, 1u);
}

// RFC 4180 as libcsv reads it stays as it was: no broken record in well-formed input.
TEST(CsvReader, WellFormedQuotingIsNotBroken) {
  CsvOptions options;
  options.header = CsvHeader::None;
  const auto read = read_all("\"a\"\"b\",\"multi\nline\", \"c\" ,d\"e\n\"\",x\n", options);
  EXPECT_EQ(read.rows, (Rows{{"a\"b", "multi\nline", "c", "d\"e"}, {"", "x"}}));
  EXPECT_EQ(read.stats.broken, 0u);
}

// Broken quoting in every arrangement the alphabet allows: wherever the chunks are cut, the same
// records are read and the same number is counted broken (the fuzz target checks the same).
TEST(CsvReader, BrokenQuotesReadTheSameInAnyChunking) {
  std::uint32_t state = 12345;
  const auto next = [&state] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
  const char alphabet[] = {'a', ',', '"', '"', '\n', '\r', ' ', 'b'};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = 1 + next() % 40;
    for (std::size_t i = 0; i < length; ++i) text.push_back(alphabet[next() % sizeof alphabet]);
    CsvOptions options;
    options.header = CsvHeader::None;
    const auto whole = read_all(text, options);
    for (std::size_t chunk : {1, 2, 3, 5}) {
      options.chunk_bytes = chunk;
      const auto chunked = read_all(text, options);
      ASSERT_EQ(chunked.rows, whole.rows) << "chunk " << chunk << " text '" << text << "'";
      ASSERT_EQ(chunked.stats.broken, whole.stats.broken) << "chunk " << chunk << " text '" << text << "'";
    }
  }
}

TEST(CsvReader, EveryChunkSizeGivesTheSameRecords) {
  const std::string text = "# h\nid,v\r\n\"1\", \"a,b\"\n\"2\",\"multi\nline\"\n# c\n3,\"q\"\"q\"\n";
  CsvOptions reference;
  const auto expected = read_all(text, reference).rows;
  ASSERT_EQ(expected.size(), 3u);
  for (std::size_t chunk = 1; chunk < 12; ++chunk) {
    CsvOptions options;
    options.chunk_bytes = chunk;
    EXPECT_EQ(read_all(text, options).rows, expected) << "chunk " << chunk;
  }
}

TEST(CsvReader, ByteOrderMarkIsIgnored) {
  for (std::size_t chunk : {1, 2, 64}) {
    CsvOptions options;
    options.chunk_bytes = chunk;  // the mark may arrive split over reads
    const auto read = read_all("\xEF\xBB\xBF# id,url\n1,x\n", options);
    EXPECT_EQ(read.stats.comments, 1u) << chunk;
  }
  const auto read = read_all("\xEF\xBB\xBFid,url\n1,x\n");
  EXPECT_EQ(read.header, (std::vector<std::string>{"id", "url"}));
}

}  // namespace
}  // namespace tcfeed::pipeline
