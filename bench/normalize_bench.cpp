// Throughput of indicators::normalize over a mixed million-value input (a benchmark, not a test:
// it prints figures and never fails on them). The input is generated deterministically in memory
// — a URLhaus/ThreatFox-like mix of URLs, hosts (some IDN, some upper-case, some defanged),
// addresses, hashes, emails, ASNs and CIDRs, with a share of garbage — or read from FILE as
// "<Type>\t<value>" lines. Times are CPU time of the best of three passes: the machine is shared,
// and wall time would measure the neighbours.
//   normalize_bench [--values N] [FILE]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "lib/indicators/normalize.hpp"

namespace {

using tcfeed::indicators::IndicatorType;

struct Sample {
  IndicatorType type;
  std::string value;
};

std::vector<Sample> generate(std::size_t count) {
  std::mt19937_64 random(42);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const auto word = [&](std::size_t min, std::size_t max) {
    std::string w;
    for (std::size_t i = 0, n = min + pick(max - min + 1); i < n; ++i) w += static_cast<char>('a' + pick(26));
    return w;
  };
  const char* tlds[] = {"com", "net", "org", "ru", "cn", "xyz", "top", "info", "de", "io"};
  const char* idn[] = {"bücher", "straße", "пример", "例え", "café"};
  const auto host = [&] {
    const std::size_t k = pick(100);
    std::string h = k < 8 ? std::string(idn[pick(5)]) + "-" + word(3, 8) : word(5, 14);
    h += ".";
    h += tlds[pick(10)];
    if (k >= 90) h = word(3, 6) + "." + h;
    if (k >= 8 && k < 12)
      for (auto& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return h;
  };
  const auto hex = [&](std::size_t n) {
    std::string h;
    for (std::size_t i = 0; i < n; ++i) h += "0123456789abcdef"[pick(16)];
    return h;
  };
  const auto ipv4 = [&] {
    return std::to_string(1 + pick(223)) + "." + std::to_string(pick(256)) + "." + std::to_string(pick(256)) + "." +
           std::to_string(1 + pick(254));
  };
  std::vector<Sample> samples;
  samples.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t k = pick(1000);
    if (k < 450) {
      std::string url = (pick(3) == 0 ? "https://" : "http://") + (pick(10) == 0 ? ipv4() + ":8080" : host()) + "/" +
                        word(4, 12) + (pick(2) ? "/bin.sh" : "?id=" + word(6, 6));
      if (pick(50) == 0) url.replace(0, 4, "hxxp");
      samples.push_back({IndicatorType::URL, std::move(url)});
    } else if (k < 650) {
      samples.push_back({IndicatorType::Host, host()});
    } else if (k < 800) {
      samples.push_back({IndicatorType::Address, pick(10) == 0 ? "2a02:cf40:" + hex(4) + "::" + hex(2) : ipv4()});
    } else if (k < 920) {
      const std::size_t lengths[] = {32, 40, 64};
      samples.push_back({IndicatorType::File, hex(lengths[pick(3)])});
    } else if (k < 950) {
      samples.push_back({IndicatorType::EmailAddress, word(3, 10) + "@" + host()});
    } else if (k < 970) {
      samples.push_back({IndicatorType::ASN, "AS" + std::to_string(pick(400000))});
    } else if (k < 985) {
      samples.push_back({IndicatorType::CIDR, ipv4() + "/" + std::to_string(8 + pick(25))});
    } else {
      samples.push_back({IndicatorType::URL, "not a url " + word(2, 8)});  // garbage a feed really sends
    }
  }
  return samples;
}

std::vector<Sample> read_file(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  std::vector<Sample> samples;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    if (auto type = tcfeed::indicators::parse_indicator_type(line.substr(0, tab))) {
      samples.push_back({*type, line.substr(tab + 1)});
    }
  }
  return samples;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 1'000'000;
  const char* file = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--values" && i + 1 < argc)
      count = std::strtoull(argv[++i], nullptr, 10);
    else
      file = argv[i];
  }
  const std::vector<Sample> samples = file ? read_file(file) : generate(count);
  // Times passes of normalize over `subset` (in input order); returns the best pass's CPU seconds
  // and counts accepted.
  std::string out;
  const auto cpu_now = [] {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  };
  const auto pass = [&](const std::vector<const Sample*>& subset, std::size_t& accepted) {
    double best = 1e300;
    for (int round = 0; round < 3; ++round) {
      accepted = 0;
      const double start = cpu_now();
      for (const Sample* sample : subset) {
        if (tcfeed::indicators::normalize(sample->type, sample->value, out) == tcfeed::indicators::Reject::None) {
          ++accepted;
        }
      }
      best = std::min(best, cpu_now() - start);
    }
    return best;
  };
  std::vector<const Sample*> all;
  std::map<IndicatorType, std::vector<const Sample*>> by_type;
  for (const auto& sample : samples) {
    all.push_back(&sample);
    by_type[sample.type].push_back(&sample);
  }
  std::size_t accepted = 0;
  pass(all, accepted);  // warm-up: caches, allocator, ICU tables
  const double seconds = pass(all, accepted);
  std::printf("mixed: values=%zu accepted=%zu cpu_seconds=%.3f values_per_s=%.0f\n", all.size(), accepted, seconds,
              static_cast<double>(all.size()) / seconds);
  for (const auto& [type, subset] : by_type) {
    const double type_seconds = pass(subset, accepted);
    std::printf("  %-13s values=%-8zu accepted=%-8zu values_per_s=%.0f\n",
                std::string(tcfeed::indicators::type_name(type)).c_str(), subset.size(), accepted,
                static_cast<double>(subset.size()) / type_seconds);
  }
  return 0;
}
