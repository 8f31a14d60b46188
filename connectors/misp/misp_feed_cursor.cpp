#include "connectors/misp/misp_feed_cursor.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace tcfeed::connectors::misp {
namespace {

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool MispFeedPosition::wants(std::string_view uuid, std::int64_t timestamp) const {
  const auto found = events.find(uuid);
  if (found != events.end()) return timestamp > found->second;
  return timestamp > floor;
}

void MispFeedPosition::bound(std::size_t max_entries) {
  if (events.size() <= max_entries) return;
  std::vector<std::int64_t> stamps;
  stamps.reserve(events.size());
  for (const auto& entry : events) stamps.push_back(entry.second);
  // The cut: everything at or below it goes, so a tie never keeps some of a timestamp and drops others.
  std::nth_element(stamps.begin(), stamps.begin() + static_cast<std::ptrdiff_t>(events.size() - max_entries - 1),
                   stamps.end());
  const std::int64_t cut = stamps[events.size() - max_entries - 1];
  std::erase_if(events, [&](const auto& entry) { return entry.second <= cut; });
  floor = std::max(floor, cut);
}

std::optional<MispFeedPosition> parse_misp_feed_position(std::string_view text) {
  MispFeedPosition position;
  if (text.empty()) return position;
  constexpr std::string_view kVersion = "v1 ";
  if (text.substr(0, kVersion.size()) != kVersion) return std::nullopt;
  text.remove_prefix(kVersion.size());
  bool first = true;
  while (!text.empty()) {
    const auto space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    if (first) {
      const auto floor = parse_int(word);
      if (!floor) return std::nullopt;
      position.floor = *floor;
      first = false;
      continue;
    }
    const auto equals = word.find('=');
    if (equals == std::string_view::npos || !is_event_uuid(word.substr(0, equals))) return std::nullopt;
    const auto stamp = parse_int(word.substr(equals + 1));
    if (!stamp) return std::nullopt;
    position.events.emplace(std::string(word.substr(0, equals)), *stamp);
  }
  if (first) return std::nullopt;
  return position;
}

std::string format_misp_feed_position(const MispFeedPosition& position) {
  std::string text = "v1 " + std::to_string(position.floor);
  for (const auto& [uuid, stamp] : position.events) {
    text += ' ';
    text += uuid;
    text += '=';
    text += std::to_string(stamp);
  }
  return text;
}

bool is_event_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == '-' || std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace tcfeed::connectors::misp
