// Reading one large MISP feed event (connectors/misp/misp_event_reader.hpp) as the misp_feed
// connector does, into a sink that only counts: CPU time and the process's peak RSS (a benchmark,
// not a test: it prints figures and never fails on them).
//   misp_event_bench --generate N FILE   writes an event of N attributes (its info and Tag after
//                                        them, 1 object of 3 attributes per 100) to FILE
//   misp_event_bench FILE                reads it and prints records, candidates, CPU s, max RSS
#include <sys/resource.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "connectors/misp/misp_event_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace {

using namespace tcfeed;

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string attribute(std::size_t i, const char* type, const std::string& value) {
  return R"({"id":")" + std::to_string(i) +
         R"(","event_id":"42","object_id":"0","object_relation":null,)"
         R"("category":"Network activity","type":")" +
         type + R"(","to_ids":true,"uuid":"5f0c2a9e-1b2c-4d3e-8f40-)" + std::to_string(100000000000 + i) +
         R"(","timestamp":"1796000000","distribution":"5","sharing_group_id":"0",)"
         R"("comment":"","deleted":false,"disable_correlation":false,"first_seen":null,"last_seen":null,"value":")" +
         value + R"("})";
}

int generate(std::size_t count, const char* path) {
  std::ofstream out(path, std::ios::binary);
  out << R"({"Event":{"timestamp":"1796000000","Attribute":[)";
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out << ',';
    out << attribute(i, "domain", "host" + std::to_string(i) + ".evil.example");
  }
  out << R"(],"Object":[)";
  for (std::size_t o = 0; o < count / 100; ++o) {
    if (o > 0) out << ',';
    out << R"({"name":"file","Attribute":[)";
    for (std::size_t k = 0; k < 3; ++k) {
      char hash[33];
      std::snprintf(hash, sizeof hash, "%032zx", o * 3 + k + 1);
      out << (k > 0 ? "," : "") << attribute(o * 3 + k, "md5", hash);
    }
    out << "]}";
  }
  out << R"(],"info":"Large event","Tag":[{"name":"tlp:white"},{"name":"bench"}],"date":"2026-11-30",)"
         R"("uuid":"5f0c2a9e-1b2c-4d3e-8f40-0000000000b1"}})";
  return out ? 0 : 1;
}

class CountingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    ++candidates;
    grouped += candidate.groups.size();
  }
  void unmapped(pipeline::Unmapped /*reason*/) override { ++unmapped_records; }
  std::size_t candidates = 0;
  std::size_t grouped = 0;
  std::size_t unmapped_records = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--generate") return generate(std::strtoull(argv[2], nullptr, 10), argv[3]);
  if (argc != 2) {
    std::fprintf(stderr, "usage: misp_event_bench --generate N FILE | misp_event_bench FILE\n");
    return 2;
  }
  pipeline::FileSource source(argv[1]);
  connectors::misp::MispEventMapper mapper(connectors::misp::MispMapOptions{});
  CountingSink sink;
  const double start = cpu_seconds();
  const std::size_t records = connectors::misp::read_misp_event(source, mapper, sink, std::size_t{1} << 30);
  const double cpu = cpu_seconds() - start;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "%zu bytes, %zu records, %zu candidates (%zu with the group), %zu unmapped: %.2f s CPU, max RSS %ld MiB\n",
      source.size_hint(), records, sink.candidates, sink.grouped, sink.unmapped_records, cpu, usage.ru_maxrss / 1024);
  return 0;
}
