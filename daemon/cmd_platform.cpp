// `tcfeed owners` and `tcfeed api`: talking to ThreatConnect directly, for operators and scripts.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "connectors/builtin_connectors.hpp"
#include "daemon/api_target.hpp"
#include "daemon/commands.hpp"
#include "lib/core/json_writer.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/threatconnect/owners.hpp"

namespace tcfeed::cli {

int owners(const std::string& config_path, bool json) {
  const config::Config config =
      pipeline::load_validated_config(config_path, pipeline::builtin_connectors(), kThreatConnectOnly);
  auto api = pipeline::connect_platform(config);
  const auto owners = threatconnect::list_owners(*api);
  const auto permissions = threatconnect::indicator_permissions(*api);
  const auto permission_of = [&](const std::string& name) -> std::string {
    if (!permissions) return "";
    const auto found = permissions->find(name);
    return found == permissions->end() ? "" : found->second;
  };
  if (json) {
    std::string out;
    JsonWriter writer(out);
    writer.begin_array();
    for (const auto& owner : owners) {
      writer.begin_object().key("id").value(owner.id).key("name").value(owner.name).key("type").value(owner.type);
      writer.key("permIndicator");
      if (permissions)
        writer.value(permission_of(owner.name));
      else
        writer.null();
      writer.end_object();
    }
    writer.end_array();
    std::puts(out.c_str());
    return kExitOk;
  }
  std::size_t width = 4;
  for (const auto& owner : owners) width = std::max(width, owner.name.size());
  std::printf("%-8s %-*s %-13s %s\n", "ID", static_cast<int>(width), "NAME", "TYPE", "INDICATORS");
  for (const auto& owner : owners) {
    const std::string permission = permission_of(owner.name);
    std::printf("%-8lld %-*s %-13s %s\n", static_cast<long long>(owner.id), static_cast<int>(width), owner.name.c_str(),
                owner.type.c_str(), permission.empty() ? "-" : permission.c_str());
  }
  return kExitOk;
}

int api(const ApiArgs& args) {
  std::string body;
  if (args.data_file) {
    std::ifstream in(*args.data_file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "tcfeed api: cannot read %s\n", args.data_file->c_str());
      return kExitUsage;
    }
    std::ostringstream content;
    content << in.rdbuf();
    body = content.str();
  }
  std::string method = args.method;
  for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), kThreatConnectOnly);
  std::string error;
  const auto endpoint = resolve_api_target(config.threatconnect.base_url, args.target, error);
  if (!endpoint) {
    std::fprintf(stderr, "tcfeed api: TARGET %s: %s\n", args.target.c_str(), error.c_str());
    return kExitUsage;
  }
  auto client = pipeline::connect_platform(config);
  // One request, no retries: the operator sees exactly what the platform answered.
  const auto response = client->send(method, *endpoint, body, body.empty() ? "" : "application/json");
  std::fprintf(stderr, "HTTP %d\n", response.status);
  std::fwrite(response.body.data(), 1, response.body.size(), stdout);
  if (!response.body.empty() && response.body.back() != '\n') std::fputc('\n', stdout);
  return response.status >= 200 && response.status <= 299 ? kExitOk : kExitFailure;
}

}  // namespace tcfeed::cli
