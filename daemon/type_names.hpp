#pragma once
// An indicator type as people type it at a shell: "host", "URL", "emailaddress" all name a
// standard type, for every command that takes one (normalize, indicators --type).
#include <optional>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::cli {

std::optional<indicators::IndicatorType> parse_type_any_case(std::string_view name);

}  // namespace tcfeed::cli
