// The floor under an ingest run: how fast the same file can be read at all, with no work done on its
// records (a benchmark, not a test: it prints figures and never fails on them). Two passes, each
// over the whole file through the same FileSource and chunk size the connector uses:
//   read   the bytes only, lines counted with memchr: the cost of getting the file into memory
//   scan   + CsvScanner's field splitting into a sink that counts fields and records
// bench/limits runs this beside `tcfeed run --once --dry-run` on the same file, so a note can say how
// close the pipeline comes to the limit. CPU time, not wall time: the machine is shared.
//   csv_scan_limit [--repeat N] FILE
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/format/csv_scanner.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace {

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Pass {
  double cpu = 0;
  std::size_t bytes = 0;
  std::size_t rows = 0;
  std::size_t fields = 0;
  std::size_t field_bytes = 0;
};

struct CountingSink {
  std::size_t fields = 0;
  std::size_t field_bytes = 0;
  std::size_t records = 0;
  void field(std::string_view value) {
    ++fields;
    field_bytes += value.size();
  }
  void record_end(int) { ++records; }
};

// The connectors read in chunks of this size (lib/pipeline/source); the same here, so the limit
// is measured under the same buffer and system-call pattern.
constexpr std::size_t kChunk = 1 << 20;

Pass read_only(const std::string& path) {
  Pass pass;
  std::vector<char> buffer(kChunk);
  const double start = cpu_seconds();
  tcfeed::pipeline::FileSource source(path);
  for (std::size_t n; (n = source.read(buffer.data(), buffer.size())) > 0;) {
    pass.bytes += n;
    const char* p = buffer.data();
    const char* const end = p + n;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
      ++pass.rows;
      ++p;
    }
  }
  pass.cpu = cpu_seconds() - start;
  return pass;
}

Pass scan(const std::string& path) {
  Pass pass;
  std::vector<char> buffer(kChunk);
  CountingSink sink;
  tcfeed::pipeline::CsvScanner scanner;
  const double start = cpu_seconds();
  tcfeed::pipeline::FileSource source(path);
  for (std::size_t n; (n = source.read(buffer.data(), buffer.size())) > 0;) {
    pass.bytes += n;
    scanner.parse(buffer.data(), n, sink);
  }
  scanner.finish(sink);
  pass.cpu = cpu_seconds() - start;
  pass.rows = sink.records;
  pass.fields = sink.fields;
  pass.field_bytes = sink.field_bytes;
  return pass;
}

void print(const char* name, const Pass& pass) {
  std::printf("%-5s %10zu rows %12zu bytes %7.3f s CPU %8.2f M rows/s %8.0f MB/s\n", name, pass.rows, pass.bytes,
              pass.cpu, static_cast<double>(pass.rows) / pass.cpu / 1e6,
              static_cast<double>(pass.bytes) / pass.cpu / 1e6);
  // Printing what the sink saw keeps the compiler from dropping the fields' bounds.
  if (pass.fields > 0) std::printf("      %10zu fields holding %zu bytes\n", pass.fields, pass.field_bytes);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      path = arg;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: csv_scan_limit [--repeat N] FILE\n");
    return 2;
  }
  // The best of N: the first pass also pays for the page cache, the others show the CPU's floor.
  Pass best_read;
  Pass best_scan;
  for (int i = 0; i < repeat; ++i) {
    const Pass r = read_only(path);
    if (i == 0 || r.cpu < best_read.cpu) best_read = r;
    const Pass s = scan(path);
    if (i == 0 || s.cpu < best_scan.cpu) best_scan = s;
  }
  print("read", best_read);
  print("scan", best_scan);
  return 0;
}
