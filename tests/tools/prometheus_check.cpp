// prometheus_check: reads a Prometheus text exposition on stdin and checks it with the strict
// reader the unit tests use. Exit 0 when valid; otherwise 1 and the first error, with its line
// number, on stderr. The integration tests pipe a live /metrics through it.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include "tests/unit/telemetry/prometheus_text.hpp"

int main(int argc, char** argv) {
  if (argc > 1) {
    std::fprintf(stderr, "usage: %s < exposition.txt\n", argv[0]);
    return 2;
  }
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  try {
    const auto exposition = tcfeed::testing::parse_prometheus_text(text);
    std::size_t samples = 0;
    for (const auto& family : exposition.families) samples += family.samples.size();
    std::printf("valid: %zu families, %zu samples\n", exposition.families.size(), samples);
    return 0;
  } catch (const tcfeed::testing::PromParseError& error) {
    std::fprintf(stderr, "prometheus_check: %s\n", error.what());
    return 1;
  }
}
