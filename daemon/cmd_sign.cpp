#include <algorithm>
#include <cctype>
#include <cstdio>

#include "connectors/builtin_connectors.hpp"
#include "daemon/api_target.hpp"
#include "daemon/commands.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::cli {

int sign(const SignArgs& args) {
  std::string method = args.method;
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), kThreatConnectOnly);
  std::string error;
  const auto endpoint = resolve_api_target(config.threatconnect.base_url, args.target, error);
  if (!endpoint) {
    std::fprintf(stderr, "tcfeed sign: TARGET %s: %s\n", args.target.c_str(), error.c_str());
    return kExitUsage;
  }
  if (config.threatconnect.api_token_ref) {
    std::fprintf(stderr,
                 "tcfeed sign: token auth needs no signature: send 'Authorization: TC-Token <token>' "
                 "with the token from the configured reference (not printed here)\n");
    return kExitUsage;
  }
  const auto api = pipeline::connect_platform(config);
  const auto headers = args.timestamp ? api->sign_at(method, *endpoint, *args.timestamp) : api->sign(method, *endpoint);
  std::printf("request-target: %s\nTimestamp: %s\nAuthorization: %s\n", headers.request_target.c_str(),
              headers.timestamp.c_str(), headers.authorization.c_str());
  return kExitOk;
}

}  // namespace tcfeed::cli
