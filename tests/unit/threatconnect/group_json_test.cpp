#include "lib/threatconnect/group_json.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "lib/threatconnect/group_xid.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::threatconnect {
namespace {

TEST(GroupXid, IsTheConnectorAndTheSourceId) {
  EXPECT_EQ(group_xid("threatfox", "Cobalt Strike"), "tcfeed:threatfox:Cobalt Strike");
  // Deterministic: the same inputs give the same xid on every run, so a re-send updates.
  EXPECT_EQ(group_xid("threatfox", "Emotet"), group_xid("threatfox", "Emotet"));
  EXPECT_NE(group_xid("threatfox", "Emotet"), group_xid("malwarebazaar", "Emotet"));
}

TEST(GroupXid, HashesASourceIdThatWouldPassTheLimit) {
  const std::string long_id(200, 'a');
  const std::string xid = group_xid("misp", long_id);
  EXPECT_LE(xid.size(), kMaxXidLength);
  EXPECT_EQ(xid.rfind("tcfeed:misp:sha256:", 0), 0u) << xid;
  EXPECT_EQ(xid.size(), std::string("tcfeed:misp:sha256:").size() + 64);
  EXPECT_EQ(xid, group_xid("misp", long_id));
  EXPECT_NE(xid, group_xid("misp", long_id + "b"));
  // Exactly at the limit stays as it is; one more byte is hashed.
  const std::string prefix = "tcfeed:misp:";
  const std::string fits(kMaxXidLength - prefix.size(), 'x');
  EXPECT_EQ(group_xid("misp", fits), prefix + fits);
  EXPECT_NE(group_xid("misp", fits + "x"), prefix + fits + "x");
}

TEST(GroupXid, HashesWhatIsNotPlainText) {
  for (const std::string_view id : {std::string_view("quote\"d"), std::string_view("back\\slash"),
                                    std::string_view("ünïcode"), std::string_view("new\nline")}) {
    const std::string xid = group_xid("otx", id);
    EXPECT_EQ(xid.rfind("tcfeed:otx:sha256:", 0), 0u) << xid;
    EXPECT_LE(xid.size(), kMaxXidLength);
  }
}

TEST(GroupXid, ALongConnectorNameIsHashedWithTheSourceId) {
  const std::string connector(90, 'c');
  const std::string xid = group_xid(connector, "Emotet");
  EXPECT_EQ(xid.rfind("tcfeed:sha256:", 0), 0u) << xid;
  EXPECT_LE(xid.size(), kMaxXidLength);
  EXPECT_NE(xid, group_xid(connector, "Qakbot"));
  EXPECT_NE(xid, group_xid(connector + "d", "Emotet"));
}

TEST(GroupJson, WritesTypeNameXidDateAttributesTagsAndLabels) {
  const std::vector<std::pair<std::string_view, std::string_view>> attributes = {{"Description", "a \"quoted\" text"}};
  const std::vector<std::string_view> tags = {"ransomware"};
  const std::vector<std::string_view> labels = {"TLP:CLEAR"};
  GroupItem item;
  item.type = indicators::GroupType::Event;
  item.name = "Phishing wave";
  item.xid = "tcfeed:misp:5f1e";
  item.date = "2024-08-04T00:00:00Z";
  item.attributes = attributes;
  item.tags = tags;
  item.security_labels = labels;
  std::string out;
  append_group_json(out, item);
  EXPECT_EQ(out,
            R"({"type":"Event","name":"Phishing wave","xid":"tcfeed:misp:5f1e","eventDate":"2024-08-04T00:00:00Z",)"
            R"("attribute":[{"type":"Description","value":"a \"quoted\" text"}],"tag":[{"name":"ransomware"}],)"
            R"("securityLabel":[{"name":"TLP:CLEAR"}]})");
  // A Malware group has no date field; the type's platform name is written as it is.
  item.type = indicators::GroupType::IntrusionSet;
  out.clear();
  append_group_json(out, item);
  EXPECT_NE(out.find(R"("type":"Intrusion Set")"), std::string::npos);
  EXPECT_EQ(out.find("Date"), std::string::npos);
}

TEST(GroupJson, CutsANameToOneHundredCharacters) {
  std::string name;
  for (int i = 0; i < 120; ++i) name += "é";  // two bytes each
  EXPECT_EQ(group_name_cut(name).size(), 200u);
  EXPECT_EQ(group_name_cut("short"), "short");
}

TEST(IndicatorJson, AssociatedGroupsAreWrittenTheSameByBothPaths) {
  const std::vector<std::string_view> xids = {"tcfeed:threatfox:Emotet", "tcfeed:threatfox:Qakbot"};
  IndicatorItem item;
  item.type = indicators::IndicatorType::Host;
  item.summary = "bad.example";
  item.group_xids = xids;
  std::string plain, escaped;
  append_indicator_json(plain, item);
  append_indicator_json_escaped(escaped, item);
  EXPECT_EQ(plain, escaped);
  EXPECT_EQ(plain, R"({"type":"Host","summary":"bad.example","associatedGroups":[)"
                   R"({"groupXid":"tcfeed:threatfox:Emotet"},{"groupXid":"tcfeed:threatfox:Qakbot"}]})");
}

}  // namespace
}  // namespace tcfeed::threatconnect
