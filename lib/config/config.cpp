#include "lib/config/config.hpp"

#include <filesystem>

#include "lib/config/export_config.hpp"
#include "lib/config/exports_listener.hpp"
#include "lib/config/map_reader.hpp"
#include "lib/net/proxy.hpp"
#include "lib/threatconnect/base_url.hpp"

namespace tcfeed::config {
namespace {

ThreatConnectConfig read_threatconnect(MapReader reader, const LoadOptions& options) {
  if (!reader.node().IsDefined()) reader.fail_here("the threatconnect section is required");
  ThreatConnectConfig tc;
  std::string base = reader.required_string("base_url");
  std::string error;
  if (!threatconnect::BaseUrl::parse(base, error)) reader.fail("base_url", error);
  if (base.size() > 1 && base.back() == '/') base.pop_back();
  tc.base_url = base;
  tc.access_id = reader.string("access_id").value_or("");
  tc.secret_key_ref = reader.secret("secret_key");
  tc.api_token_ref = reader.secret("api_token");
  if (tc.api_token_ref && (tc.secret_key_ref || !tc.access_id.empty())) {
    reader.fail("api_token", "use either api_token_* or access_id with secret_key_*, not both");
  }
  if (!tc.api_token_ref) {
    if (tc.access_id.empty()) reader.fail("access_id", "is required (or configure api_token_*)");
    if (!tc.secret_key_ref) {
      reader.fail("secret_key", "is required: give secret_key_file, secret_key_env or secret_key_credential");
    }
  }
  tc.proxy = reader.string("proxy").value_or("");
  if (!tc.proxy.empty()) {
    try {
      net::parse_proxy_url(tc.proxy);
    } catch (const std::invalid_argument& invalid) {
      reader.fail("proxy", std::string("expected http://[user@]host:port (password by reference): ") + invalid.what());
    }
  }
  tc.proxy_password_ref = reader.secret("proxy_password");
  tc.no_proxy = reader.string_list("no_proxy");
  tc.attack_bundle = reader.string("attack_bundle").value_or("");
  if (!tc.attack_bundle.empty() && !std::filesystem::is_regular_file(tc.attack_bundle)) {
    reader.fail("attack_bundle", "no such file: " + tc.attack_bundle);
  }
  tc.ca_file = reader.string("ca_file").value_or("");
  if (!tc.ca_file.empty() && !std::filesystem::is_regular_file(tc.ca_file)) {
    reader.fail("ca_file", "no such file: " + tc.ca_file);
  }
  if (options.read_secrets) {
    if (tc.secret_key_ref) tc.secret_key = load_secret(reader, "secret_key", *tc.secret_key_ref);
    if (tc.api_token_ref) tc.api_token = load_secret(reader, "api_token", *tc.api_token_ref);
    if (tc.proxy_password_ref) tc.proxy_password = load_secret(reader, "proxy_password", *tc.proxy_password_ref);
  }
  reader.finish();
  return tc;
}

// "20%" or "0.2", between 0 and 1.

ScheduleConfig read_schedule(MapReader reader) {
  ScheduleConfig schedule;
  if (auto every = reader.duration("every")) {
    if (*every < std::chrono::seconds(1)) reader.fail("every", "must be at least 1s");
    schedule.every = *every;
  }
  if (auto jitter = reader.string("jitter")) schedule.jitter = read_fraction(reader, "jitter", *jitter);
  if (auto run_on_start = reader.boolean("run_on_start")) schedule.run_on_start = *run_on_start;
  reader.finish();
  return schedule;
}

void check_tags(MapReader& reader, std::string_view key, const std::vector<std::string>& tags) {
  for (const auto& tag : tags) {
    if (tag.empty() || tag.size() > 128) reader.fail(key, "each entry must be 1 to 128 characters");
  }
}

ConnectorConfig read_connector(MapReader reader, const ConnectorKeysLookup& connector_keys) {
  ConnectorConfig connector;
  connector.node = reader.node();
  connector.yaml_path = reader.path();
  connector.name = reader.required_string("name");
  for (char c : connector.name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      reader.fail("name", "use letters, digits, '-', '_' and '.' only (it names state and metrics)");
    }
  }
  connector.type = reader.required_string("type");
  const std::vector<KeySpec>* keys = connector_keys(connector.type);
  if (keys == nullptr) {
    reader.fail("type", "unknown connector type '" + connector.type + "' (tcfeed connectors lists them)");
  }
  connector.owner = reader.string("owner").value_or("");
  if (connector.owner.empty()) {
    reader.fail("owner", "is required: every connector names the ThreatConnect owner it writes to");
  }
  connector.schedule = read_schedule(reader.map("schedule"));
  if (auto rating = reader.integer("rating", 0, 5)) connector.rating = static_cast<int>(*rating);
  if (auto confidence = reader.integer("confidence", 0, 100)) connector.confidence = static_cast<int>(*confidence);
  connector.tags = reader.string_list("tags");
  check_tags(reader, "tags", connector.tags);
  connector.security_labels = reader.string_list("security_labels");
  const auto one_of = [&](std::string_view key, std::initializer_list<std::string_view> allowed, std::string& value,
                          const char* why) {
    auto given = reader.string(key);
    if (!given) return;
    for (auto option : allowed) {
      if (*given == option) {
        value = *given;
        return;
      }
    }
    std::string list;
    for (auto option : allowed) list += (list.empty() ? "" : ", ") + std::string(option);
    reader.fail(key, "expected one of " + list + why);
  };
  one_of("attribute_write_type", {"Singleton", "Replace", "Static"}, connector.attribute_write_type,
         " (Append is refused: every re-send would stack duplicate attributes)");
  one_of("tag_write_type", {"Append", "Replace"}, connector.tag_write_type, "");
  one_of("security_label_write_type", {"Append", "Replace"}, connector.security_label_write_type, "");
  std::string removed;  // absent: ConnectorConfig's default
  one_of("removed", {"ignore", "deactivate", "delete"}, removed, " (what happens to entries a full list dropped)");
  if (removed == "ignore") connector.removed = RemovedAction::Ignore;
  if (removed == "deactivate") connector.removed = RemovedAction::Deactivate;
  if (removed == "delete") connector.removed = RemovedAction::Delete;
  if (auto guard = reader.string("removed_guard")) {
    connector.removed_guard = read_fraction(reader, "removed_guard", *guard);
  }
  if (auto expire_after = reader.duration("expire_after")) {
    if (*expire_after < std::chrono::seconds(1)) reader.fail("expire_after", "must be at least 1s");
    connector.expire_after = *expire_after;
  }
  for (const auto& spec : *keys) {
    if (spec.required && !reader.has(spec.name)) reader.fail(spec.name, "is required for type " + connector.type);
    reader.accept(spec.name);
  }
  reader.finish();
  return connector;
}

}  // namespace

Config load_config(const std::string& path, const ConnectorKeysLookup& connector_keys, const LoadOptions& options) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot read the file");
  } catch (const YAML::ParserException& error) {
    throw ConfigError(path + ":" + std::to_string(error.mark.line + 1) + ": YAML syntax: " + error.msg);
  }
  if (!root.IsMap()) throw ConfigError(path + ": expected a YAML mapping at the top level");

  Config config;
  config.file = path;
  config.node = root;
  MapReader reader(root, path, "");
  config.threatconnect = read_threatconnect(reader.map("threatconnect"), options);

  MapReader state = reader.map("state");
  config.state_path = state.string("path").value_or(config.state_path);
  state.finish();

  MapReader http = reader.map("http");
  config.http_listen = http.string("listen").value_or(config.http_listen);
  config.exports_listener = read_exports_listener(http.map("exports"), config.http_listen, options.read_secrets);
  http.finish();

  MapReader batch = reader.map("batch");
  if (auto mode = batch.string("mode")) {
    if (*mode == "three_step")
      config.batch.mode = BatchMode::ThreeStep;
    else if (*mode == "create_and_upload")
      config.batch.mode = BatchMode::CreateAndUpload;
    else
      batch.fail("mode", "expected three_step or create_and_upload");
  }
  if (auto n = batch.integer("max_indicators", 1, 25'000)) config.batch.max_indicators = static_cast<int>(*n);
  if (auto n = batch.integer("max_bytes", 10'000, 100'000'000)) config.batch.max_bytes = *n;
  if (auto n = batch.integer("jobs_in_flight", 1, 16)) config.batch.jobs_in_flight = static_cast<int>(*n);
  if (auto interval = batch.duration("poll_interval")) config.batch.poll_interval = *interval;
  if (auto timeout = batch.duration("poll_timeout")) config.batch.poll_timeout = *timeout;
  batch.finish();

  MapReader delivery = reader.map("delivery");
  config.refresh = delivery.duration("refresh").value_or(config.refresh);
  delivery.finish();

  config.shutdown_grace = reader.duration("shutdown_grace").value_or(config.shutdown_grace);
  if (auto n = reader.integer("ingest_threads", 1, 2)) config.ingest_threads = static_cast<int>(*n);
  if (auto level = reader.string("log_level")) {
    config.log_level = parse_log_level(*level);
    if (!config.log_level) reader.fail("log_level", std::string("expected ") + std::string(kLogLevelNames));
  }
  if (auto format = reader.string("log_format")) {
    config.log_format = parse_log_format(*format);
    if (!config.log_format) reader.fail("log_format", "expected text or json");
  }

  MapReader defaults = reader.map("defaults");
  config.default_rating = static_cast<int>(defaults.integer("rating", 0, 5).value_or(config.default_rating));
  config.default_confidence =
      static_cast<int>(defaults.integer("confidence", 0, 100).value_or(config.default_confidence));
  defaults.finish();

  MapReader allowlist = reader.map("allowlist");
  if (allowlist.has("builtin")) config.allowlist.builtin = allowlist.located_list("builtin");
  config.allowlist.files = allowlist.located_list("files");
  config.allowlist.entries = allowlist.located_list("entries");
  allowlist.finish();

  MapReader warninglists = reader.map("warninglists");
  if (warninglists.has("builtin")) config.warninglists.builtin = warninglists.located_list("builtin");
  config.warninglists.files = warninglists.located_list("files");
  config.warninglists.tag_only = warninglists.located_list("tag_only");
  warninglists.finish();

  MapReader attack = reader.map("attack");
  if (auto style = attack.string("tag_format")) {
    if (*style == "legacy")
      config.attack_tag_style = AttackTagStyle::Legacy;
    else if (*style == "platform")
      config.attack_tag_style = AttackTagStyle::Platform;
    else
      attack.fail("tag_format",
                  "expected legacy (T1055 - Process Injection - DEF - ENT - ATT&CK) or platform (T1566 - Phishing)");
  }
  config.attack_refresh = attack.duration("refresh").value_or(config.attack_refresh);
  attack.finish();

  const YAML::Node connectors = reader.raw("connectors");
  if (connectors.IsDefined() && !connectors.IsNull()) {
    if (!connectors.IsSequence()) fail_at(path, connectors, "connectors", "expected a list of connectors");
    for (std::size_t i = 0; i < connectors.size(); ++i) {
      const std::string item_path = "connectors[" + std::to_string(i) + "]";
      if (!connectors[i].IsMap()) fail_at(path, connectors[i], item_path, "expected a mapping");
      ConnectorConfig connector = read_connector(MapReader(connectors[i], path, item_path), connector_keys);
      for (const auto& other : config.connectors) {
        if (other.name == connector.name) {
          fail_at(path, connectors[i], item_path + ".name", "duplicate connector name '" + connector.name + "'");
        }
      }
      config.connectors.push_back(std::move(connector));
    }
  }
  config.exports = read_exports(reader.raw("exports"), path, options.read_secrets);
  reader.finish();
  return config;
}

}  // namespace tcfeed::config
