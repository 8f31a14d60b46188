#include "lib/pipeline/source/fetch_stop.hpp"

#include <utility>

namespace tcfeed::pipeline {
namespace {

thread_local std::stop_token current;

}  // namespace

FetchStopScope::FetchStopScope(std::stop_token stop) : previous_(std::exchange(current, std::move(stop))) {}

FetchStopScope::~FetchStopScope() { current = std::move(previous_); }

std::stop_token current_fetch_stop() { return current; }

}  // namespace tcfeed::pipeline
