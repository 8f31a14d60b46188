#include "tests/sandbox/http_date.hpp"

#include <cstdio>
#include <ctime>

namespace tcfeed::sandbox {

std::string format_http_date(std::int64_t epoch_seconds) {
  // Fixed English names: strftime's %a/%b follow the locale, and the header must not.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t time = static_cast<std::time_t>(epoch_seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char buffer[40];
  const int length = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                   kDays[parts.tm_wday % 7], parts.tm_mday, kMonths[parts.tm_mon % 12],
                                   parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return std::string(buffer, static_cast<std::size_t>(length > 0 ? length : 0));
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  std::tm parts{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(timegm(&parts));
}

}  // namespace tcfeed::sandbox
