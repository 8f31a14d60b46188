// A key read through its word table: the default is a value, the words parse and document it.
#include "lib/config/key_words.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "lib/config/config_error.hpp"
#include "lib/config/key_spec.hpp"

namespace tcfeed::config {
namespace {

enum class Shade { Light, Dark, Auto };
constexpr std::array<KeyWord<Shade>, 3> kShades = {
    {{"light", Shade::Light}, {"dark", Shade::Dark}, {"auto", Shade::Auto}}};

MapReader reader(const std::string& yaml) { return MapReader(YAML::Load(yaml), "t.yaml", "c"); }

TEST(KeyWords, AnAbsentKeyIsTheFallbackAndAWordItsValue) {
  auto absent = reader("other: 1");
  EXPECT_EQ(read_word(absent, "shade", kShades, Shade::Auto), Shade::Auto);
  auto given = reader("shade: dark");
  EXPECT_EQ(read_word(given, "shade", kShades, Shade::Auto), Shade::Dark);
}

TEST(KeyWords, AnotherWordFailsWithTheWordsListed) {
  auto given = reader("shade: grey");
  try {
    read_word(given, "shade", kShades, Shade::Auto);
    FAIL() << "grey was read";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("expected light, dark or auto, got 'grey'"), std::string::npos)
        << error.what();
  }
}

TEST(KeyWords, TheDocumentedDefaultIsTheWordOfTheValue) {
  EXPECT_EQ(word_for(kShades, Shade::Dark), "dark");
  EXPECT_EQ(word_for(std::array<KeyWord<Shade>, 1>{{{"light", Shade::Light}}}, Shade::Dark), "");
  EXPECT_EQ(bool_text(true), "true");
  EXPECT_EQ(bool_text(false), "false");
}

}  // namespace
}  // namespace tcfeed::config
