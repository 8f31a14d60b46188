#pragma once
// The HTTPS front of the sandbox: TLS 1.2+, HTTP/1.1 keep-alive, one coroutine per connection on a
// single-threaded io_context. The only translation unit of the sandbox that includes Beast.
#include "tests/sandbox/options.hpp"
#include "tests/sandbox/router.hpp"

namespace tcfeed::sandbox {

// Binds, announces the port (--port-file, stdout), serves until SIGTERM or SIGINT; returns the
// process exit code. Throws on a setup failure (bad certificate, address in use).
int run_server(const Options& options, Router& router, Stats& stats);

}  // namespace tcfeed::sandbox
