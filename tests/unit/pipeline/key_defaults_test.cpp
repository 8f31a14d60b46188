// The defaults `tcfeed connectors` documents are written from the values the code falls back to;
// each must still read back as its key's kind, or the documentation shows what a config could
// not say.
#include <gtest/gtest.h>

#include <charconv>
#include <string>

#include "connectors/builtin_connectors.hpp"
#include "lib/core/duration.hpp"

namespace tcfeed::pipeline {
namespace {

bool reads_as(const std::string& kind, const std::string& text) {
  if (kind == "bool") return text == "true" || text == "false";
  if (kind == "duration") return parse_duration(text).has_value();
  if (kind == "integer") {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
  }
  return true;  // strings, lists, paths: any text, or a (description) of the fallback
}

TEST(KeyDefaults, EveryDocumentedDefaultReadsAsItsKind) {
  std::size_t checked = 0;
  for (const auto& type : builtin_connectors().types()) {
    for (const auto& key : type.keys) {
      if (key.default_value.empty() || key.default_value.front() == '(') continue;
      EXPECT_TRUE(reads_as(key.kind, key.default_value)) << type.name << "." << key.name << ": " << key.default_value;
      ++checked;
    }
  }
  EXPECT_GE(checked, 10u);
}

}  // namespace
}  // namespace tcfeed::pipeline
