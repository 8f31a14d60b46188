// The misp REST API connector: the restSearch body, and a saved answer read through file:// with
// each attribute associated with its event.
#include "connectors/misp/misp_api_connector.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/connectors_abusech/abusech_sink.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::connectors::misp {
namespace {

TEST(MispApi, SearchBodyAsksForJsonFromTheTimestampPageByPage) {
  EXPECT_EQ(misp_search_body(1796000000, 1000, 2, true),
            R"({"returnFormat":"json","timestamp":1796000000,"limit":1000,"page":2,"includeEventTags":true,)"
            R"("to_ids":true})");
  EXPECT_EQ(misp_search_body(-5, 10, 1, false),
            R"({"returnFormat":"json","timestamp":0,"limit":10,"page":1,"includeEventTags":true})");
}

TEST(MispApi, AResumePositionNamesTheSearchAndItsPage) {
  MispResume resume{1795996700, 1000, 7, 1796000300};
  EXPECT_EQ(format_misp_resume(resume), "resume 1795996700 1000 7 1796000300");
  const auto read = parse_misp_resume("resume 1795996700 1000 7 1796000300");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->since, 1795996700);
  EXPECT_EQ(read->limit, 1000);
  EXPECT_EQ(read->page, 7);
  EXPECT_EQ(read->newest, 1796000300);
  resume.newest.reset();
  EXPECT_EQ(format_misp_resume(resume), "resume 1795996700 1000 7 -");
  EXPECT_FALSE(parse_misp_resume("resume 1795996700 1000 7 -")->newest);
  // A finished poll's position, and what no version wrote, are not resume positions.
  for (const char* text :
       {"1796000300", "", "resume 1 2 3", "resume 1 0 3 4", "resume 1 2 0 4", "resume a 2 3 4", "resume 1 2 3 4 5"}) {
    EXPECT_FALSE(parse_misp_resume(text)) << text;
  }
}

TEST(MispApi, ASavedAnswerMapsEachAttributeWithItsEvent) {
  MispApiSettings settings;
  settings.location.url = "file://" + testing_support::fixture_path("misp_api", "restsearch.json");
  auto connector = make_misp_api_connector(settings);
  testing_support::AbusechSink sink;
  const auto polled = connector->poll({}, sink);
  EXPECT_EQ(polled.records, 3u);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"Address\t185.220.101.90\tloader\t-\t",
                                                  "Host\tloader-c2.example\t\t-\t", "unmapped\tunmapped_type"}));
  EXPECT_EQ(sink.groups,
            (std::vector<std::string>{"Event:C2 servers of a loader:6a1d0f52-0000-4000-8000-0000000000e7",
                                      "Event:C2 servers of a loader:6a1d0f52-0000-4000-8000-0000000000e7"}));
}

}  // namespace
}  // namespace tcfeed::connectors::misp
