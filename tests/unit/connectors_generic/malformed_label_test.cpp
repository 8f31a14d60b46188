// One broken record is one reason, whichever connector read it: the generic json connector and the
// abuse.ch readers (JSON and CSV forms) must count it under the same tcfeed_unmapped_total label,
// or one metric series splits in two.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/urlhaus/urlhaus_connector.hpp"
#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::connectors {
namespace {

using testing_support::fixture_path;
using testing_support::poll;
using testing_support::YamlConnector;

// A JSON array whose second element simdjson rejects (a member without a value); the splitter
// still finds its end, so the reader counts it and reads on.
constexpr const char* kBrokenArray =
    R"([{"id": 5, "url": "http://a.example/x", "url_status": "online", "dateadded": "2024-05-14 10:00:00"},)"
    "\n"
    R"( {"id": 6, "url": }])";

class BrokenFile {
 public:
  BrokenFile() {
    path_ = std::filesystem::temp_directory_path() / ("tcfeed-malformed-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_) << kBrokenArray;
  }
  ~BrokenFile() { std::filesystem::remove(path_); }
  BrokenFile(const BrokenFile&) = delete;
  BrokenFile& operator=(const BrokenFile&) = delete;
  std::string url() const { return "file://" + path_.string(); }

 private:
  std::filesystem::path path_;
};

std::vector<std::string> unmapped_lines(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    if (line.rfind("unmapped\t", 0) == 0) out.push_back(line);
  }
  return out;
}

std::vector<std::string> urlhaus_unmapped(const std::string& url) {
  urlhaus::UrlhausSettings settings;
  settings.location.url = url;
  auto connector = urlhaus::make_urlhaus_connector(std::move(settings));
  return unmapped_lines(poll(*connector, state::Cursor{"1", "", ""}).lines);  // past the backfill
}

TEST(MalformedLabel, JsonAndAbusechConnectorsCountABrokenRecordAlike) {
  const BrokenFile broken;
  YamlConnector yaml;
  auto json = yaml.build("json", "    url: " + broken.url() + "\n    value: url\n    indicator_type: URL\n");
  const auto generic_json = unmapped_lines(poll(*json).lines);
  ASSERT_EQ(generic_json.size(), 1u);

  // The same bytes through the URLhaus reader's JSON form, and a short row of its CSV export.
  const auto abusech_json = urlhaus_unmapped(broken.url());
  const auto abusech_csv = urlhaus_unmapped("file://" + fixture_path("urlhaus/csv_recent.csv"));
  EXPECT_EQ(abusech_json, generic_json);
  EXPECT_EQ(abusech_csv, generic_json);
  EXPECT_EQ(generic_json.front(), "unmapped\tmalformed_row");
}

}  // namespace
}  // namespace tcfeed::connectors
