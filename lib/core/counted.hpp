#pragma once
// A count with its noun, singular or plural as the count asks: "1 document", "2 documents". Both
// forms are written out, since English plurals ("batch"/"batches", "entry"/"entries") follow no one rule.
#include <cstdint>
#include <string>
#include <string_view>

namespace tcfeed {

inline std::string counted(std::uint64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace tcfeed
