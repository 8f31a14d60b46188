#pragma once
// Checks the fuzz targets' sinks share.
#include <string_view>

#include "lib/indicators/text.hpp"

namespace tcfeed::fuzz {

// Non-empty, with nothing the mappers' trim would have removed at either end.
inline bool trimmed(std::string_view text) {
  return !text.empty() && indicators::text::trim(text).size() == text.size();
}

}  // namespace tcfeed::fuzz
