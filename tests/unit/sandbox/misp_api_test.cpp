// The sandbox's MISP REST API (tests/sandbox/misp_api.cpp) on the fixture instance: the key, the
// body's filters and paging on both endpoints, MISP's newest-event-first order. The connector's
// side is tests/integration/misp_api_test.sh.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/sandbox/api.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::sandbox {
namespace {

namespace fs = std::filesystem;

class MispApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tcfeed-sandbox-misp-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "misp" / "main");
    fs::copy_file(testing_support::fixture_path("misp_api/instance", "events.json"),
                  dir_ / "misp" / "main" / "events.json", fs::copy_options::overwrite_existing);
    std::ofstream(dir_ / "misp" / "main" / "_auth") << "the-key\n";
    options_.files_dir = dir_.string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  MispAnswer post(const std::string& endpoint, const std::string& body, const std::string& key = "the-key") {
    Request request;
    request.method = "POST";
    request.target = "/misp/main/" + endpoint + "/restSearch";
    if (!key.empty()) request.headers.emplace_back("authorization", key);
    request.body = body;
    return handle_misp(options_, request, "main/" + endpoint + "/restSearch");
  }

  fs::path dir_;
  Options options_;
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(MispApiTest, AttributesComePagedNewestEventFirstWithTheirEventAndItsTags) {
  const auto first =
      post("attributes", R"({"returnFormat":"json","limit":3,"page":1,"to_ids":true,"includeEventTags":true})");
  ASSERT_EQ(first.response.status, 200) << first.response.body;
  EXPECT_EQ(count(first.response.body, "\"type\":"), 3u);
  EXPECT_LT(first.response.body.find("185.220.102.31"), first.response.body.find("stage.ransom-kit.example"));
  EXPECT_NE(first.response.body.find(R"("Event":{"id":"3","uuid":"7b1e0c4a-2f3d-4e5f-8a6b-0000000000e3")"),
            std::string::npos);
  // The event's tags, then the attribute's own.
  EXPECT_NE(first.response.body.find(R"("Tag":[{"name":"tlp:amber"},{"name":"ransomware"},)"), std::string::npos);
  EXPECT_NE(first.response.body.find(R"(T1486\""},{"name":"encryptor"}])"), std::string::npos);
  EXPECT_EQ(first.detail, "page=1 timestamp=-");

  const auto last = post("attributes", R"({"returnFormat":"json","limit":3,"page":4,"to_ids":true})");
  EXPECT_EQ(count(last.response.body, "\"type\":"), 1u);
  EXPECT_NE(last.response.body.find("LoaderMutex1"), std::string::npos);
  const auto past = post("attributes", R"({"returnFormat":"json","limit":3,"page":5,"to_ids":true})");
  EXPECT_EQ(past.response.body, R"({"response":{"Attribute":[]}})");

  // Without to_ids the two to_ids: false attributes come too; `timestamp` keeps the later ones.
  EXPECT_EQ(count(post("attributes", R"({"returnFormat":"json"})").response.body, "\"type\":"), 12u);
  EXPECT_EQ(count(post("attributes", R"({"returnFormat":"json","timestamp":1796000200})").response.body, "\"type\":"),
            9u);
}

TEST_F(MispApiTest, EventsArePagedByEventWithTheirAttributesFiltered) {
  const auto page = post("events", R"({"returnFormat":"json","limit":2,"page":1,"to_ids":1})");
  ASSERT_EQ(page.response.status, 200) << page.response.body;
  EXPECT_EQ(count(page.response.body, "\"Event\":{"), 2u);
  EXPECT_NE(page.response.body.find("Ransomware staging"), std::string::npos);
  EXPECT_EQ(page.response.body.find("185.220.102.25"), std::string::npos);  // to_ids: false
  const auto recent = post("events", R"({"returnFormat":"json","timestamp":"1796000300"})");
  EXPECT_EQ(count(recent.response.body, "\"Event\":{"), 1u);
}

TEST_F(MispApiTest, AWrongKeyOrAnotherFormatIsRefused) {
  EXPECT_EQ(post("attributes", R"({"returnFormat":"json"})", "wrong").response.status, 401);
  EXPECT_EQ(post("attributes", R"({"returnFormat":"json"})", "").response.status, 401);
  EXPECT_EQ(post("attributes", R"({"returnFormat":"csv"})").response.status, 400);
  EXPECT_EQ(post("attributes", "not json").response.status, 400);
  EXPECT_EQ(post("sightings", R"({"returnFormat":"json"})").response.status, 404);
}

}  // namespace
}  // namespace tcfeed::sandbox
