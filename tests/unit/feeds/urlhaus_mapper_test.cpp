#include "connectors/urlhaus/urlhaus_mapper.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/unit/feeds/recording_sink.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

using namespace std::chrono_literals;
using testing_support::RecordingSink;

UrlhausRecord row(std::string_view id, std::string_view url, std::string_view status = "online") {
  UrlhausRecord record;
  record.id = id;
  record.dateadded = "2024-05-14 10:19:05";
  record.url = url;
  record.url_status = status;
  record.threat = "malware_download";
  return record;
}

TEST(UrlhausMapper, UrlWithThreatAndTags) {
  RecordingSink sink;
  UrlhausMapper mapper({});
  auto record = row("5", "http://a.example/x");
  split_tags("elf, Mozi,None,", record.tags);
  const MapResult result = mapper.map(record, sink);
  EXPECT_EQ(result.verdict, Verdict::Mapped);
  EXPECT_EQ(result.id, 5);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"URL\thttp://a.example/x\tmalware_download|elf|Mozi"}));
}

// The entry's urlhaus_link goes with the URL as its Source attribute.
class AttributeSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    for (const auto& [type, value] : candidate.attributes) seen.push_back(std::string(type) + "=" + std::string(value));
  }
  void unmapped(pipeline::Unmapped) override {}
  std::vector<std::string> seen;
};

TEST(UrlhausMapper, LinkBecomesTheSourceAttribute) {
  AttributeSink sink;
  UrlhausMapper mapper({});
  auto record = row("6", "http://a.example/y");
  record.link = "https://urlhaus.abuse.ch/url/6/";
  mapper.map(record, sink);
  auto without = row("7", "http://a.example/z");
  mapper.map(without, sink);
  EXPECT_EQ(sink.seen, (std::vector<std::string>{"Source=https://urlhaus.abuse.ch/url/6/"}));
}

TEST(UrlhausMapper, HostAsHostOrAddress) {
  UrlhausMapOptions options;
  options.host_as = HostAs::Host;
  UrlhausMapper mapper(options);
  RecordingSink sink;
  mapper.map(row("1", "http://user:pw@Evil.Example:8080/p?q#f"), sink);
  mapper.map(row("2", "http://198.51.100.7:81/i"), sink);
  mapper.map(row("3", "http://[2001:db8::1]:8080/x"), sink);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{
                            "URL\thttp://user:pw@Evil.Example:8080/p?q#f\tmalware_download",
                            "Host\tEvil.Example\tmalware_download",
                            "URL\thttp://198.51.100.7:81/i\tmalware_download",
                            "Address\t198.51.100.7\tmalware_download",
                            "URL\thttp://[2001:db8::1]:8080/x\tmalware_download",
                            "Address\t2001:db8::1\tmalware_download",
                        }));
}

TEST(UrlhausMapper, OfflineSkippedWhenAsked) {
  UrlhausMapOptions options;
  options.include_offline = false;
  UrlhausMapper mapper(options);
  RecordingSink sink;
  EXPECT_EQ(mapper.map(row("1", "http://a/", "offline"), sink).verdict, Verdict::Offline);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"unmapped\toffline"}));
}

TEST(UrlhausMapper, CursorAndBackfill) {
  UrlhausMapOptions options;
  options.after_id = 10;
  options.not_before = *parse_dateadded("2024-05-14 00:00:00");
  UrlhausMapper mapper(options);
  RecordingSink sink;
  EXPECT_EQ(mapper.map(row("10", "http://old/"), sink).verdict, Verdict::Old);
  auto early = row("11", "http://early/");
  early.dateadded = "2024-05-13 23:59:59 UTC";
  EXPECT_EQ(mapper.map(early, sink).verdict, Verdict::Old);
  EXPECT_EQ(mapper.map(row("12", "http://new/"), sink).verdict, Verdict::Mapped);
  EXPECT_EQ(sink.lines.size(), 1u);
  EXPECT_EQ(sink.left_out, (std::map<std::string, std::size_t>{{"already_read", 1}, {"before_backfill", 1}}));
  // A date past 2262 overflowed a nanosecond clock (fuzzing; UBSan in the asan tier): seconds hold it.
  auto far = row("13", "http://far/");
  far.dateadded = "9999-12-31 23:59:59";
  EXPECT_EQ(mapper.map(far, sink).verdict, Verdict::Mapped);
}

TEST(UrlhausMapper, MalformedRows) {
  UrlhausMapper mapper({});
  RecordingSink sink;
  EXPECT_EQ(mapper.map(row("x1", "http://a/"), sink).verdict, Verdict::Malformed);
  EXPECT_EQ(mapper.map(row("3", " "), sink).verdict, Verdict::Malformed);
  auto short_row = row("4", "http://a/");
  short_row.complete = false;
  EXPECT_EQ(mapper.map(short_row, sink).verdict, Verdict::Malformed);
  EXPECT_EQ(sink.lines, (std::vector<std::string>(3, "unmapped\tmalformed_row")));
}

TEST(UrlhausMapper, Helpers) {
  EXPECT_FALSE(parse_dateadded("2024-02-30 00:00:00"));
  EXPECT_FALSE(parse_dateadded("2024-05-14"));
  EXPECT_EQ(*parse_dateadded("1970-01-02 00:00:01 UTC") - std::chrono::system_clock::time_point(), 86401s);
}

}  // namespace
}  // namespace tcfeed::connectors::urlhaus
