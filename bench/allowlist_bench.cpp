// Allowlist::match throughput on the hot path (Google Benchmark; built as bench/allowlist_bench).
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "lib/pipeline/stream/allowlist.hpp"

namespace {

using tcfeed::indicators::IndicatorType;
using tcfeed::pipeline::Allowlist;

// A realistic operator list: a few thousand domains and ranges on top of the built-in list.
Allowlist make_allowlist() {
  Allowlist allowlist;
  allowlist.add_builtin("reserved-ip-ranges");
  for (int i = 0; i < 5000; ++i) {
    allowlist.add("benign" + std::to_string(i) + ".example");
    allowlist.add(std::to_string(20 + i % 200) + "." + std::to_string(i % 256) + ".0.0/16");
  }
  return allowlist;
}

void BM_Match(benchmark::State& state, std::vector<std::pair<IndicatorType, std::string>> values) {
  const Allowlist allowlist = make_allowlist();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [type, value] = values[i++ % values.size()];
    benchmark::DoNotOptimize(allowlist.match(type, value));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_Match, address,
                  {{IndicatorType::Address, "8.8.8.8"},
                   {IndicatorType::Address, "10.1.2.3"},
                   {IndicatorType::Address, "2606:4700::1111"}});
BENCHMARK_CAPTURE(BM_Match, host,
                  {{IndicatorType::Host, "a.b.c.malware.test"}, {IndicatorType::Host, "x.benign42.example"}});
BENCHMARK_CAPTURE(BM_Match, url,
                  {{IndicatorType::URL, "http://a.b.malware.test/path/to/payload.exe?id=1"},
                   {IndicatorType::URL, "http://192.168.1.1:8080/x"}});

}  // namespace

BENCHMARK_MAIN();
