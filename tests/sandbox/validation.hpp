#pragma once
// The platform's indicator rules (docs/threatconnect.md, Upload document, Value rules): each check returns the reason a
// value is refused, or nothing. Pure functions, so the unit tests pin the rules down.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sandbox/indicator_types.hpp"

namespace tcfeed::sandbox {

using Rejection = std::optional<std::string>;

Rejection validate_summary(IndicatorKind kind, std::string_view summary);
Rejection validate_rating(double rating);
Rejection validate_confidence(double confidence);
Rejection validate_tag(std::string_view name);

// Splits a multi-value summary ("md5 : sha1 : sha256", registry keys) on " : ".
std::vector<std::string_view> split_summary(std::string_view summary);

}  // namespace tcfeed::sandbox
