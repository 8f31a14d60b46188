#pragma once
// "did you mean …?": the known name closest to one that was not found, by edit distance with case
// ignored, so a mistyped owner, connector or type name points at the one meant.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed {

// Levenshtein distance between `a` and `b`, ASCII letters compared without case.
std::size_t edit_distance_ignoring_case(std::string_view a, std::string_view b);

// The candidate nearest to `name`, when it is near enough to be a likely typo: at most a third of
// the longer name's characters differ (at least 2 edits allowed, so "SOC Feed" finds "SOC Feeds").
// A candidate equal to `name` but for case is always nearest. Ties go to the first candidate.
std::optional<std::string> nearest_name(std::string_view name, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" or "" — the tail of an error message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace tcfeed
