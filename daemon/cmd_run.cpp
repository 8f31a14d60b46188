#include <spdlog/spdlog.h>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "daemon/daemon_process.hpp"
#include "lib/core/log.hpp"
#include "lib/pipeline/engine/run_once.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::cli {

int run(const RunArgs& args) {
  if (!args.once && !args.dry_run_dir) {
    if (!args.connectors.empty()) {
      spdlog::error("--connector selects connectors for --once and --dry-run; the daemon runs every connector");
      return kExitUsage;
    }
    return daemon::run_daemon(args.config);
  }
  const auto& registry = pipeline::builtin_connectors();
  config::LoadOptions load;
  load.read_secrets = !args.dry_run_dir.has_value();
  const config::Config config = pipeline::load_validated_config(args.config, registry, load);
  apply_config_log_level(config.log_level);
  pipeline::RunOptions options;
  options.connectors = args.connectors;
  options.dry_run_dir = args.dry_run_dir;
  const pipeline::RunReport report = pipeline::run_once(config, registry, options);
  return report.exit_code();
}

}  // namespace tcfeed::cli
