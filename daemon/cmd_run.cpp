#include <spdlog/spdlog.h>

#include "daemon/commands.hpp"
#include "lib/pipeline/run_once.hpp"
#include "lib/pipeline/validated_config.hpp"

namespace tcfeed::cli {

int run(const RunArgs& args) {
  if (!args.once && !args.dry_run_dir) {
    spdlog::error("the long-running daemon (schedules, outbox, signals, status page) is not built yet; "
                  "use `tcfeed run --once` (e.g. from a systemd timer) or `--dry-run DIR`");
    return kExitUsage;
  }
  const auto& registry = pipeline::builtin_connectors();
  config::LoadOptions load;
  load.read_secrets = !args.dry_run_dir.has_value();
  const config::Config config = pipeline::load_validated_config(args.config, registry, load);
  pipeline::RunOptions options;
  options.connectors = args.connectors;
  options.dry_run_dir = args.dry_run_dir;
  const pipeline::RunReport report = pipeline::run_once(config, registry, options);
  return report.exit_code();
}

}  // namespace tcfeed::cli
