#pragma once
// Cuts a run's indicators into upload documents within the job limits (indicators per job,
// bytes per upload). Used by the sender and by --dry-run, so both see the same documents.
#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include "lib/indicators/indicator.hpp"

namespace tcfeed::pipeline {

// Calls `on_document(document, first, count)` for consecutive slices of `items`. An indicator that
// alone exceeds max_bytes is reported through `on_oversized` and skipped.
void split_into_documents(std::span<const indicators::Indicator> items, std::size_t max_indicators,
                          std::size_t max_bytes,
                          const std::function<void(std::string&& document, std::size_t first, std::size_t count)>& on_document,
                          const std::function<void(const indicators::Indicator&)>& on_oversized);

}  // namespace tcfeed::pipeline
