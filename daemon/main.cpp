// tcfeed: the command line. Parsing and exit codes here; each command lives in its own file.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "daemon/commands.hpp"
#include "daemon/config_path.hpp"
#include "lib/config/config_error.hpp"
#include "lib/core/log.hpp"
#include "lib/core/log_escape.hpp"

int main(int argc, char** argv) {
  using namespace tcfeed;
  CLI::App app{"tcfeed — brings third-party threat intelligence into ThreatConnect"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tcfeed ") + TCFEED_VERSION);
  std::string log_format = "text";
  auto* log_format_option = app.add_option("--log-format", log_format,
                                           "text or json (default: log_format in the "
                                           "configuration, else text)")
                                ->check(CLI::IsMember({"text", "json"}));
  std::string log_level;
  const char* log_level_help =
      "debug, info, warning or error (default: TCFEED_LOG_LEVEL, else log_level in the "
      "configuration, else info)";
  const auto log_levels = CLI::IsMember({"debug", "info", "warning", "warn", "error"});
  app.add_option("--log-level", log_level, log_level_help)->check(log_levels);

  // -c/--config on every command that reads the configuration, and before the command too
  // (`tcfeed -c FILE run`); unset, TCFEED_CONFIG, then /etc/tcfeed/tcfeed.yaml (config_path.hpp).
  std::string config_flag;
  const std::string config_help =
      std::string("configuration file (default: $") + cli::kConfigEnv + ", else " + cli::kDefaultConfigPath + ")";
  const auto add_config = [&](CLI::App* command) { command->add_option("-c,--config", config_flag, config_help); };
  add_config(&app);

  cli::RunArgs run_args;
  auto* run = app.add_subcommand("run", "Poll the configured feeds and deliver to ThreatConnect");
  add_config(run);
  run->add_flag("--once", run_args.once, "run each selected connector one cycle, deliver, wait for the jobs, exit");
  run->add_option("--connector", run_args.connectors, "only this connector (repeatable)");
  run->add_option("--dry-run", run_args.dry_run_dir,
                  "write the batch documents to this directory instead of sending; the state file is not written");
  run->add_flag("--from-scratch", run_args.from_scratch,
                "with --dry-run: what each connector would send to an empty owner, ignoring the seen sets and "
                "cursors of the state file");
  run->add_flag("--no-audit", run_args.no_audit,
                "with --dry-run: do not write <connector>-audit.jsonl (a line per record) beside the documents");
  auto* run_log_format_option =
      run->add_option("--log-format", log_format, "text or json (default: log_format in the configuration, else text)")
          ->check(CLI::IsMember({"text", "json"}));
  run->add_option("--log-level", log_level, log_level_help)->check(log_levels);

  bool offline = false;
  auto* check = app.add_subcommand("check-config", "Validate the configuration (online: credentials and owners too)");
  add_config(check);
  check->add_flag("--offline", offline, "do not contact ThreatConnect");

  cli::SignArgs sign_args;
  std::int64_t timestamp = 0;
  auto* sign =
      app.add_subcommand("sign", "Print the signed request-target and the Timestamp and Authorization headers");
  add_config(sign);
  sign->add_option("METHOD", sign_args.method, "GET, POST, PUT or DELETE")->required();
  sign->add_option("TARGET", sign_args.target, "endpoint relative to the base URL, e.g. /v2/owners")->required();
  auto* timestamp_option = sign->add_option("--timestamp", timestamp, "Unix time to sign with (default: now)");

  std::string normalize_type;
  std::vector<std::string> normalize_values;
  auto* normalize = app.add_subcommand(
      "normalize",
      "Print each value normalized, or REJECT <reason> (reads stdin, one per line, without VALUE); exit 3 when "
      "any value was rejected");
  normalize->add_option("TYPE", normalize_type, "indicator type, e.g. Host, URL, Address (any case)")->required();
  normalize->add_option("VALUE", normalize_values, "values to normalize");

  cli::IndicatorsArgs indicators_args;
  auto* indicators = app.add_subcommand("indicators", "Read indicators back with their ThreatAssess fields");
  add_config(indicators);
  indicators->add_option("--owner", indicators_args.owner, "owner to read from")->required();
  indicators->add_option("--type", indicators_args.type, "only this indicator type");
  indicators->add_option("--value", indicators_args.value, "one indicator by value (needs --type)");
  indicators->add_option("--limit", indicators_args.limit, "at most this many (default 1000)");
  indicators->add_flag("--json", indicators_args.json, "JSON output for scripts");
  indicators->add_flag("--v3", indicators_args.v3, "read through /v3/indicators (TQL, fields=threatAssess,tags)");

  cli::ExportArgs export_args;
  auto* export_command =
      app.add_subcommand("export", "Refresh one export (the exports: section) and write its list, for cron or a look");
  add_config(export_command);
  export_command->add_option("NAME", export_args.name, "the export's name")->required();
  export_command->add_option("--output", export_args.output, "write the list here (atomically); default stdout");
  export_command->add_flag("--full", export_args.full, "a full re-read instead of what changed since the last one");

  bool owners_json = false;
  auto* owners = app.add_subcommand("owners", "List the owners the API user can see, with indicator permissions");
  add_config(owners);
  owners->add_flag("--json", owners_json, "JSON output for scripts");

  cli::ApiArgs api_args;
  auto* api = app.add_subcommand("api", "Send one signed request and print the answer (status on stderr)");
  add_config(api);
  api->add_option("METHOD", api_args.method, "GET, POST, PUT or DELETE")->required();
  api->add_option("TARGET", api_args.target, "endpoint relative to the base URL, query percent-encoded")->required();
  api->add_option("--data", api_args.data_file, "file whose content is the request body (JSON)");

  std::string probe_url;
  auto* probe =
      app.add_subcommand("probe", "Exit 0 if the http:// URL answers 200 within 5 s (the container health check)");
  probe->add_option("URL", probe_url, "e.g. http://127.0.0.1:9464/readyz")->required();

  cli::StateArgs state_args;
  auto* state = app.add_subcommand("state",
                                   "Show the state file (cursors, outbox, dead letters); reset a connector; "
                                   "requeue dead letters");
  state->require_subcommand(1);
  add_config(state);
  state->add_flag("--json", state_args.json, "JSON output for scripts");
  const auto state_action = [&](const char* name, const char* help) {
    auto* action = state->add_subcommand(name, help);
    action->fallthrough();  // `state show --config F` as well as `state --config F show`
    action->callback([&state_args, name] { state_args.action = name; });
    return action;
  };
  state_action("show", "cursors and the outbox per owner");
  state_action("reset", "forget one connector's cursor, seen set and snapshot (stop the daemon first)")
      ->add_option("CONNECTOR", state_args.connector, "connector name")
      ->required();
  state_action("dead-letters", "indicators the platform refused, with its reasons")
      ->add_option("--limit", state_args.limit, "at most this many (default 1000)");
  state_action("requeue", "send the dead letters again after a fix (stop the daemon first)");

  std::string connector_type;
  auto* connectors = app.add_subcommand("connectors", "List the built-in connector types and their configuration keys");
  connectors->add_option("TYPE", connector_type, "only this type (any case), e.g. urlhaus");

  cli::PollArgs poll_args;
  auto* poll = app.add_subcommand("poll", "Ask the running daemon to poll one connector now (POST /poll/CONNECTOR)");
  add_config(poll);
  poll->add_option("CONNECTOR", poll_args.connector, "connector name")->required();
  cli::WhyArgs why_args;
  auto* why = app.add_subcommand(
      "why",
      "Why would (or was) VALUE be dropped: normalize, allowlist, warninglists, each connector's seen set; exit 0 "
      "sent, 3 rejected, 4 dropped by policy, 5 sent already and unchanged");
  add_config(why);
  why->add_option("VALUE", why_args.value, "the indicator value, as a feed has it")->required();
  why->add_option("--type", why_args.type, "indicator type (any case); default: guessed from the value");
  why->add_option("--connector", why_args.connector, "only this connector's seen set");
  app.add_subcommand("version", "Print version, build and library versions");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? cli::kExitOk : cli::kExitUsage;
  }
  // The command line wins over the environment, and both over the configuration's log_level.
  if (log_level.empty()) {
    if (const char* from_env = std::getenv("TCFEED_LOG_LEVEL"); from_env && *from_env) {
      if (!parse_log_level(from_env)) {
        std::fprintf(stderr, "tcfeed: TCFEED_LOG_LEVEL: expected %s, got '%s'\n", std::string(kLogLevelNames).c_str(),
                     log_escaped(from_env).c_str());
        return cli::kExitUsage;
      }
      log_level = from_env;
    }
  }
  const auto level = parse_log_level(log_level);
  init_logging(log_format == "json" ? LogFormat::Json : LogFormat::Text, level.value_or(LogLevel::Info),
               level.has_value(), log_format_option->count() + run_log_format_option->count() > 0);

  const char* config_env = std::getenv(cli::kConfigEnv);
  const cli::ConfigPath config_path =
      cli::resolve_config_path(config_flag.empty() ? std::nullopt : std::optional(config_flag), config_env);
  run_args.config = sign_args.config = indicators_args.config = api_args.config = state_args.config = poll_args.config =
      why_args.config = export_args.config = config_path.path;

  try {
    if (app.got_subcommand(run)) return cli::run(run_args);
    if (app.got_subcommand(check)) return cli::check_config(config_path.path, offline);
    if (app.got_subcommand(sign)) {
      if (timestamp_option->count() > 0) sign_args.timestamp = timestamp;
      return cli::sign(sign_args);
    }
    if (app.got_subcommand(normalize)) return cli::normalize(normalize_type, normalize_values);
    if (app.got_subcommand(indicators)) return cli::indicators(indicators_args);
    if (app.got_subcommand(export_command)) return cli::export_list(export_args);
    if (app.got_subcommand(owners)) return cli::owners(config_path.path, owners_json);
    if (app.got_subcommand(api)) return cli::api(api_args);
    if (app.got_subcommand(probe)) return cli::probe(probe_url);
    if (app.got_subcommand(state)) return cli::state(state_args);
    if (app.got_subcommand(connectors)) return cli::connectors(connector_type);
    if (app.got_subcommand(poll)) return cli::poll(poll_args);
    if (app.got_subcommand(why)) return cli::why(why_args);
    if (app.got_subcommand("version")) return cli::version();
  } catch (const config::ConfigError& error) {
    // Which of --config, TCFEED_CONFIG and the default chose the file, and its path.
    const bool by_default = config_path.origin == cli::ConfigPath::Origin::Default;
    std::fprintf(stderr, "tcfeed: config error: %s\n  (configuration file %s, chosen by %s%s)\n",
                 log_escaped(error.what()).c_str(), log_escaped(config_path.path).c_str(),
                 config_path.origin_text().c_str(), by_default ? "; give --config FILE or set TCFEED_CONFIG" : "");
    return cli::kExitUsage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tcfeed: %s\n", log_escaped(error.what()).c_str());
    return cli::kExitFailure;
  }
  return cli::kExitUsage;
}
