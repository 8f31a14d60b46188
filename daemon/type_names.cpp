#include "daemon/type_names.hpp"

#include <algorithm>
#include <cctype>

namespace tcfeed::cli {

std::optional<indicators::IndicatorType> parse_type_any_case(std::string_view name) {
  for (const auto type : indicators::kAllIndicatorTypes) {
    const std::string_view known = indicators::type_name(type);
    if (known.size() == name.size() && std::equal(known.begin(), known.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return type;
    }
  }
  return std::nullopt;
}

}  // namespace tcfeed::cli
