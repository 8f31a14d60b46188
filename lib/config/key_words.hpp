#pragma once
// A key whose value is one word of a fixed set (host_as: none | host): the words and what each
// means in one table, read through it and documented from it, so that the default, a value the
// code holds, is named by the same table that parses it.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "lib/config/map_reader.hpp"

namespace tcfeed::config {

template <typename Value>
struct KeyWord {
  std::string_view word;
  Value value;
};

// The word that configures `value`; "" when the table has none.
template <typename Value, std::size_t N>
std::string word_for(const std::array<KeyWord<Value>, N>& words, Value value) {
  for (const auto& entry : words) {
    if (entry.value == value) return std::string(entry.word);
  }
  return {};
}

// `key`'s value through `words`, `fallback` when the key is absent. Another word fails the load:
// "expected a, b or c, got 'x'".
template <typename Value, std::size_t N>
Value read_word(MapReader& keys, std::string_view key, const std::array<KeyWord<Value>, N>& words, Value fallback) {
  const auto given = keys.string(key);
  if (!given) return fallback;
  std::string expected;
  for (std::size_t i = 0; i < N; ++i) {
    if (words[i].word == *given) return words[i].value;
    expected += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(words[i].word);
  }
  keys.fail(key, "expected " + expected + ", got '" + *given + "'");
}

}  // namespace tcfeed::config
