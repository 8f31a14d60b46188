// tcfeed-sandbox: a ThreatConnect API stand-in over real TLS for integration tests and the demo
// (README.md in this folder).
#include <exception>
#include <iostream>

#include "tests/sandbox/options.hpp"
#include "tests/sandbox/router.hpp"
#include "tests/sandbox/server.hpp"
#include "tests/sandbox/store.hpp"

int main(int argc, char** argv) {
  using namespace tcfeed::sandbox;
  Options options;
  int exit_code = 0;
  if (!parse_options(argc, argv, options, exit_code)) return exit_code;
  try {
    Store store(options.owners);
    Stats stats;
    Router router(options, store, stats);
    return run_server(options, router, stats);
  } catch (const std::exception& error) {
    std::cerr << "tcfeed-sandbox: " << error.what() << '\n';
    return 1;
  }
}
