#include <spdlog/spdlog.h>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "daemon/daemon_process.hpp"
#include "lib/core/log.hpp"
#include "lib/pipeline/engine/run_once.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::cli {

int run(const RunArgs& args) {
  if ((args.from_scratch || args.no_audit) && !args.dry_run_dir) {
    spdlog::error("--from-scratch and --no-audit apply to --dry-run DIR only");
    return kExitUsage;
  }
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
  apply_config_log_format(config.log_format);
  pipeline::RunOptions options;
  options.connectors = args.connectors;
  options.dry_run_dir = args.dry_run_dir;
  options.from_scratch = args.from_scratch;
  options.audit = !args.no_audit;
  const pipeline::RunReport report = pipeline::run_once(config, registry, options);
  return report.exit_code();
}

}  // namespace tcfeed::cli
