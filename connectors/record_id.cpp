#include "connectors/record_id.hpp"

#include <charconv>

#include "lib/indicators/text.hpp"

namespace tcfeed::connectors {

std::optional<std::int64_t> parse_id(std::string_view text) {
  text = indicators::text::trim(text);
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace tcfeed::connectors
