#pragma once
// The warninglists tcfeed ships, on by default (docs/architecture.md, Warninglists): small, written
// here, for the known-good values feeds most often carry by mistake. Larger lists (top domains,
// cloud ranges) are MISP warninglist files an operator points `warninglists.files` at.
#include <span>
#include <string_view>

#include "lib/pipeline/stream/misp_warninglist.hpp"

namespace tcfeed::pipeline {

struct BuiltinWarninglist {
  std::string_view id;  // as in warninglists.builtin
  std::string_view name;
  WarninglistKind kind;
  std::span<const std::string_view> matching_attributes;  // MISP attribute types
  std::span<const std::string_view> entries;
};

std::span<const BuiltinWarninglist> builtin_warninglists();

}  // namespace tcfeed::pipeline
