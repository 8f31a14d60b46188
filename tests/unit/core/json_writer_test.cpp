#include "lib/core/json_writer.hpp"

#include <gtest/gtest.h>

namespace tcfeed {
namespace {

std::string quoted(std::string_view text) {
  std::string out;
  JsonWriter::append_string(out, text);
  return out;
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(quoted("line\nnext\ttab"), R"("line\nnext\ttab")");
  EXPECT_EQ(quoted(std::string_view("\x01\x7f", 2)), R"("\u0001\u007f")");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(quoted("B\xC3\xBC" "cher"), "\"B\xC3\xBC" "cher\"");
  EXPECT_EQ(quoted("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(quoted("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(quoted("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");        // overlong '/'
  EXPECT_EQ(quoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  EXPECT_EQ(quoted("\xE2\x82"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");        // truncated
}

TEST(JsonWriter, SeparatesMembersAndElements) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null().end_array()
      .key("c").begin_object().end_object().end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null],"c":{}})");
}

}  // namespace
}  // namespace tcfeed
