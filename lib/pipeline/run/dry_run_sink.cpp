#include "lib/pipeline/run/dry_run_sink.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tcfeed::pipeline {

DryRunSink::DryRunSink(std::string dir, std::string connector)
    : dir_(std::move(dir)), connector_(std::move(connector)) {
  std::filesystem::create_directories(dir_);
}

void DryRunSink::batch(std::string_view document, std::size_t, std::span<const state::SeenEntry>) {
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "-%05zu.json", number_++);
  const auto path = std::filesystem::path(dir_) / (connector_ + suffix);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(document.data(), static_cast<std::streamsize>(document.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace tcfeed::pipeline
