#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/free_text.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(FreeTextTest, MutexUserAgentSubject) {
  for (const auto type : {IndicatorType::Mutex, IndicatorType::UserAgent, IndicatorType::EmailSubject}) {
    SCOPED_TRACE(std::string(type_name(type)));
    expect_cases(type,
                 {
                     {"Global\\EvilMutex", "Global\\EvilMutex"},
                     {"  Mozilla/5.0 (Windows NT 10.0; Win64; x64)  ", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"},
                     {"Ihre Rechnung für März", "Ihre Rechnung für März"},
                     {"evil[.]com stays defanged", "evil[.]com stays defanged"},  // no refang for text
                     {"CaSe KePt", "CaSe KePt"},
                     {"a\tb", "", Reject::ControlCharacter},
                     {"a\nb", "", Reject::ControlCharacter},
                     {std::string_view("a\0b", 3), "", Reject::ControlCharacter},
                     {"a\x7f"
                      "b",
                      "", Reject::ControlCharacter},
                     {"a\xc2\x85"
                      "b",
                      "", Reject::ControlCharacter},  // U+0085 NEL (C1)
                     {"a\xc3(b", "", Reject::InvalidUtf8},
                     {"\xc0\xaf", "", Reject::InvalidUtf8},  // overlong '/'
                     {" \t ", "", Reject::Empty},
                 });
  }
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::UserAgent, std::string(500, 'a'), out), Reject::None);
  EXPECT_EQ(normalize(IndicatorType::UserAgent, std::string(501, 'a'), out), Reject::TooLong);
  EXPECT_EQ(normalize(IndicatorType::Mutex, std::string(501, 'a'), out), Reject::TooLong);
  EXPECT_EQ(normalize(IndicatorType::EmailSubject, std::string(501, 'a'), out), Reject::TooLong);
}

TEST(FreeTextTest, Hashtag) {
  expect_cases(IndicatorType::Hashtag, {
                                           {"#emotet", "#emotet"},
                                           {"  #Emotet ", "#Emotet"},
                                           {"emotet", "emotet"},  // '#' not added
                                           {"#emo tet", "", Reject::HashtagWhitespace},
                                           {"#emo\ttet", "", Reject::ControlCharacter},
                                           {"", "", Reject::Empty},
                                       });
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::Hashtag, "#" + std::string(127, 'a'), out), Reject::None);
  EXPECT_EQ(normalize(IndicatorType::Hashtag, "#" + std::string(128, 'a'), out), Reject::TooLong);
}

}  // namespace
}  // namespace tcfeed::indicators
