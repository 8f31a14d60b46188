#include "lib/core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

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
  EXPECT_EQ(quoted("B\xC3\xBC"
                   "cher"),
            "\"B\xC3\xBC"
            "cher\"");
  EXPECT_EQ(quoted("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(quoted("a\xFF"
                   "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(quoted("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong '/'
  EXPECT_EQ(quoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  EXPECT_EQ(quoted("\xE2\x82"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // truncated
}

// The escaping rules one byte at a time, as the writer had them before it copied runs: the
// reference for the run-copying and SSE2 paths, whatever the length and wherever a special byte sits.
std::string reference_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
      std::uint32_t code = c & (0x7Fu >> length);
      for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0u) != 0x80u) {
          length = 0;
          break;
        }
        code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
      }
      if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
          (length == 4 && (code < 0x10000 || code > 0x10FFFF))) {
        length = 0;
      }
      out += length == 0 ? std::string("\xEF\xBF\xBD") : std::string(text.substr(i, length));
      i += length == 0 ? 1 : length;
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7F)
      out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 0xF];
    else
      out += static_cast<char>(c);
    ++i;
  }
  return out + "\"";
}

TEST(JsonWriter, RunsOfAnyLengthAsTheBytewiseRules) {
  std::mt19937 random(8259);
  const std::string alphabet =
      std::string("abcXYZ09 /:.-\"\\\n\t\x01\x7f\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80\xff\xed\xa0") + '\0';
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 80, 'a');
    // Mostly plain text with a few special bytes: the runs and the 16-byte blocks get cut anywhere.
    for (auto& c : text)
      c = random() % 4 == 0 ? alphabet[random() % alphabet.size()] : static_cast<char>('a' + random() % 26);
    ASSERT_EQ(quoted(std::string_view(text)), reference_quoted(text)) << text;
  }
  EXPECT_EQ(quoted(std::string_view(std::string(300, 'x'))), "\"" + std::string(300, 'x') + "\"");
}

// is_verbatim() is exactly "append_string() wraps it in quotes and changes nothing", wherever in
// or past the 16-byte blocks the one special byte sits.
TEST(JsonWriter, VerbatimIsWhatQuotingLeavesAlone) {
  EXPECT_TRUE(JsonWriter::is_verbatim(""));
  EXPECT_TRUE(JsonWriter::is_verbatim("http://a.example/x?y=1 ~ !#$%&'()*+,-./:;<=>?@[]^_`{|}"));
  for (int byte = 0; byte < 256; ++byte) {
    for (const std::size_t at : {0, 1, 15, 16, 17, 31, 40}) {
      std::string text(41, 'a');
      text[at] = static_cast<char>(byte);
      const bool verbatim = quoted(std::string_view(text)) == "\"" + text + "\"";
      ASSERT_EQ(JsonWriter::is_verbatim(text), verbatim) << byte << " at " << at;
      ASSERT_EQ(verbatim, byte >= 0x20 && byte < 0x7F && byte != '"' && byte != '\\') << byte;
    }
  }
}

TEST(JsonWriter, MemberIsKeyThenValue) {
  std::mt19937 random(7159);
  const std::string alphabet = "abc XYZ/:.\"\\\n\x01\xc3\xbc\xff";
  for (int round = 0; round < 5000; ++round) {
    std::string text(random() % 40, 'a');
    for (auto& c : text) c = random() % 3 == 0 ? alphabet[random() % alphabet.size()] : 'x';
    const std::int64_t number = static_cast<std::int64_t>(random()) - (std::int64_t{1} << 31);
    std::string expected;
    JsonWriter reference(expected);
    reference.begin_object().key("first").value(text).key("n").value(number).key("last").value(text).end_object();
    std::string actual;
    JsonWriter json(actual);
    json.begin_object().member("first", text).member("n", number).member("last", text).end_object();
    ASSERT_EQ(actual, expected);
  }
}

TEST(JsonWriter, LiteralAndRuntimeKeys) {
  std::string out;
  JsonWriter json(out);
  const std::string runtime = "a\"b";
  const char* pointer = "p";
  json.begin_object()
      .key("literal")
      .value(1)
      .key(runtime)
      .value(2)
      .key(pointer)
      .value(3)
      .key(std::string_view("v"))
      .value(-4)
      .end_object();
  EXPECT_EQ(out, R"({"literal":1,"a\"b":2,"p":3,"v":-4})");
}

TEST(JsonWriter, SeparatesMembersAndElements) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .key("a")
      .value(1)
      .key("b")
      .begin_array()
      .value("x")
      .value(true)
      .null()
      .end_array()
      .key("c")
      .begin_object()
      .end_object()
      .end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null],"c":{}})");
}

}  // namespace
}  // namespace tcfeed
