// What reaches the log: control bytes and invalid UTF-8 from feed data are made visible in every
// format, so a message is always one line and cannot move the terminal; the level names parse.
#include "lib/core/log.hpp"

#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "lib/core/log_escape.hpp"
#include "lib/core/log_fields.hpp"

namespace tcfeed {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What a forged line would need: a line break, then a line that looks like the logger's own.
const std::string kHostile =
    std::string("ok\n2026-01-01T00:00:00Z critical forged\r\x1b[2Jgone\x00nul\x07", 53) + "\x9b" + "bad\xc2\x9b" + "c1";

std::string logged(LogFormat format, const std::string& message) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  sink->set_formatter(make_log_formatter(format));
  spdlog::logger logger("test", sink);
  logger.error("connector threatfox: ThreatFox API: query_status '{}'", message);
  return out.str();
}

TEST(LogEscape, MakesControlsAndInvalidUtf8Visible) {
  EXPECT_EQ(log_escaped("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(log_escaped(std::string("\x1b[31m\x00\x7f", 7)), "\\x1b[31m\\x00\\x7f");
  EXPECT_EQ(log_escaped("\xff\xc3"), "\\xff\\xc3");  // invalid, cut short
  EXPECT_EQ(log_escaped("\xc0\xaf"), "\\xc0\\xaf");  // overlong '/'
  EXPECT_EQ(log_escaped("\xc2\x9b"), "\\u009b");     // C1 CSI
  EXPECT_EQ(log_escaped("a\xe2\x80\xa8"
                        "b\xe2\x80\xae"),
            "a\\u2028b\\u202e");  // line separator, RTL override
}

TEST(LogEscape, KeepsTextAndBackslashesAsTheyAre) {
  EXPECT_EQ(log_escaped("B\xc3\xbc"
                        "cher.example \xf0\x9f\x98\x80 HKLM\\Software"),
            "B\xc3\xbc"
            "cher.example \xf0\x9f\x98\x80 HKLM\\Software");
  EXPECT_EQ(log_escaped(""), "");
}

TEST(LogFormat, TextLineHasNoForgedLineAndNoRawControlByte) {
  const std::string line = logged(LogFormat::Text, kHostile);
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;  // one line: the only newline ends it
  for (const char c : line.substr(0, line.size() - 1)) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte != 0x7f) << "raw byte " << int(byte) << " in " << line;
  }
  EXPECT_THAT(line, Not(HasSubstr("\xc2\x9b")));
  EXPECT_THAT(line, HasSubstr(" error connector threatfox: ThreatFox API: query_status 'ok\\n2026-01-01T00:00:00Z "
                              "critical forged\\r\\x1b[2Jgone\\x00nul\\x07\\x9bbad\\u009bc1'\n"));
}

TEST(LogFormat, JsonLineCarriesTheSameEscapedText) {
  const std::string line = logged(LogFormat::Json, kHostile);
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_THAT(line, HasSubstr(R"("level":"error","msg":"connector threatfox: ThreatFox API: query_status 'ok\\n)"));
  EXPECT_THAT(line, HasSubstr(R"(\\x1b[2Jgone\\x00nul\\x07\\x9bbad\\u009bc1'"})"));
}

// The JSON log's fields (lib/core/log_fields.hpp): the scopes of the logging thread add members
// beside "msg", an inner scope's value wins, a scope's end removes them, the text format has none,
// and a value is escaped as the message is.
TEST(LogFields, JsonLinesCarryTheFieldsInScope) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  sink->set_formatter(make_log_formatter(LogFormat::Json));
  spdlog::logger logger("test", sink);
  {
    const LogFields outer{{"connector", "urlhaus"}, {"owner", "SOC \"Feeds\"\n"}};
    {
      const LogFields inner{{"connector", "threatfox"}, {"records", std::uint64_t{12}}, {"reason", "url_missing_host"}};
      logger.info("inner");
    }
    logger.info("outer");
  }
  logger.info("none");
  std::istringstream lines(out.str());
  std::string inner, outer, none;
  std::getline(lines, inner);
  std::getline(lines, outer);
  std::getline(lines, none);
  EXPECT_THAT(inner, HasSubstr(R"("msg":"inner","owner":"SOC \"Feeds\"\\n","connector":"threatfox","records":12,)"
                               R"("reason":"url_missing_host"})"));
  EXPECT_THAT(outer, HasSubstr(R"("msg":"outer","connector":"urlhaus","owner":"SOC \"Feeds\"\\n"})"));
  EXPECT_THAT(none, HasSubstr(R"("msg":"none"})"));
  std::ostringstream text;
  auto text_sink = std::make_shared<spdlog::sinks::ostream_sink_st>(text);
  text_sink->set_formatter(make_log_formatter(LogFormat::Text));
  spdlog::logger text_logger("text", text_sink);
  const LogFields fields{{"connector", "urlhaus"}};
  text_logger.info("plain");
  EXPECT_THAT(text.str(), Not(HasSubstr("urlhaus")));
}

TEST(LogLevel, ParsesTheDocumentedNames) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::Debug);
  EXPECT_EQ(parse_log_level("info"), LogLevel::Info);
  EXPECT_EQ(parse_log_level("warning"), LogLevel::Warning);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::Warning);
  EXPECT_EQ(parse_log_level("error"), LogLevel::Error);
  EXPECT_EQ(parse_log_level("DEBUG"), std::nullopt);
  EXPECT_EQ(parse_log_level("trace"), std::nullopt);
}

}  // namespace
}  // namespace tcfeed
