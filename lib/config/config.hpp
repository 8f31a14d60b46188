#pragma once
// The validated configuration (docs/architecture.md, Configuration). Everything a run needs is checked at load time —
// types, ranges, owners, secrets readable — so a bad config fails before any feed is touched.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config_error.hpp"
#include "lib/config/export_config.hpp"
#include "lib/config/exports_listener.hpp"
#include "lib/config/key_spec.hpp"
#include "lib/config/located_value.hpp"
#include "lib/core/duration.hpp"
#include "lib/core/log_level.hpp"
#include "lib/core/secret.hpp"

namespace tcfeed::config {

struct ThreatConnectConfig {
  std::string base_url;  // as configured; only a trailing slash is dropped
  std::string access_id;
  std::optional<SecretRef> secret_key_ref;
  std::optional<SecretRef> api_token_ref;
  Secret secret_key;  // read at load time; empty when token auth is used
  Secret api_token;
  std::string ca_file;
  std::string attack_bundle;  // MITRE's enterprise-attack.json, for ATT&CK names offline
  std::string proxy;          // http://[user@]host:port — HTTP CONNECT proxy; empty: direct
  std::optional<SecretRef> proxy_password_ref;
  Secret proxy_password;
  std::vector<std::string> no_proxy;  // hosts and domain suffixes reached directly
};

struct ScheduleConfig {
  Duration every = std::chrono::hours(1);
  double jitter = 0.1;  // fraction of `every`
  bool run_on_start = true;
};

// What a full-list (snapshot) feed's dropped entries become (docs/architecture.md, Full lists and expiry).
enum class RemovedAction { Ignore, Deactivate, Delete };

struct ConnectorConfig {
  std::string name;
  std::string type;
  std::string owner;
  ScheduleConfig schedule;
  std::optional<int> rating;  // the connector's own default, when the source gives none
  std::optional<int> confidence;
  std::vector<std::string> tags;  // static tags, bare words
  std::vector<std::string> security_labels;
  // Batch write types (docs/threatconnect.md, Job settings): re-sends never duplicate nor erase what analysts added.
  std::string attribute_write_type = "Singleton";    // Singleton | Replace | Static (never Append)
  std::string tag_write_type = "Append";             // Append | Replace
  std::string security_label_write_type = "Append";  // Append | Replace
  // Full-list feeds: entries that left the list are ignored (default), sent with active=false, or
  // deleted — unless the list shrank by more than `removed_guard` (a truncated download must never
  // wipe an owner).
  RemovedAction removed = RemovedAction::Ignore;
  double removed_guard = 0.2;
  // Incremental feeds: what the source has not mentioned for this long is sent with active=false
  // (docs/architecture.md, Full lists and expiry); unset: never. Refused on a full-list connector, where `removed`
  // says what a dropped entry becomes.
  std::optional<Duration> expire_after;
  // The connector's mapping as written, for its type's own keys; `yaml_path` locates errors.
  YAML::Node node;
  std::string yaml_path;
};

enum class BatchMode { ThreeStep, CreateAndUpload };

struct BatchConfig {
  BatchMode mode = BatchMode::ThreeStep;
  // The defaults: docs/threatconnect.md, Throughput.
  int max_indicators = 25'000;  // the platform's limit
  std::int64_t max_bytes = 1'900'000;
  int jobs_in_flight = 4;
  Duration poll_interval = std::chrono::seconds(5);  // the longest wait between two status polls of a job
  Duration poll_timeout = std::chrono::hours(1);
};

struct AllowlistConfig {
  std::vector<LocatedValue> builtin{{"reserved-ip-ranges", 0}};
  std::vector<LocatedValue> files;
  std::vector<LocatedValue> entries;
};

// Known-good values never sent (docs/architecture.md, Warninglists).
struct WarninglistsConfig {
  std::optional<std::vector<LocatedValue>> builtin;  // absent: every built-in list
  std::vector<LocatedValue> files;                   // MISP warninglist JSON files
  std::vector<LocatedValue> tag_only;                // lists whose hits are sent tagged, not dropped
};

enum class AttackTagStyle { Legacy, Platform };

struct Config {
  std::string file;
  // The file's top-level mapping as read, so a reload can tell which settings changed
  // (lib/pipeline/engine/config_diff.hpp).
  YAML::Node node;
  ThreatConnectConfig threatconnect;
  std::string state_path = "/var/lib/tcfeed/state.db";
  std::string http_listen = "127.0.0.1:9464";
  // http.exports: /exports/NAME on a TLS listener of its own instead of http_listen (docs/exports.md).
  std::optional<ExportsListener> exports_listener;
  BatchConfig batch;
  Duration refresh = std::chrono::hours(24 * 7);
  Duration shutdown_grace = std::chrono::seconds(20);
  // Threads a poll's records go through (docs/architecture.md, Stream): 1, or 2 to map and
  // normalize on one and filter, dedupe and pack on the other. Absent: 2 when the machine has two
  // CPUs or more.
  std::optional<int> ingest_threads;
  // Absent: info, unless --log-level or TCFEED_LOG_LEVEL chose (they win; lib/core/log.hpp).
  std::optional<LogLevel> log_level;
  // Absent: text, unless --log-format chose (it wins).
  std::optional<LogFormat> log_format;
  int default_rating = 0;
  int default_confidence = 0;
  AllowlistConfig allowlist;
  WarninglistsConfig warninglists;
  AttackTagStyle attack_tag_style = AttackTagStyle::Legacy;
  Duration attack_refresh = std::chrono::hours(24);  // how long the platform's ATT&CK list is cached
  std::vector<ConnectorConfig> connectors;
  std::vector<ExportConfig> exports;  // docs/exports.md
};

// The type-specific keys of a connector type, or nullptr for an unknown type.
using ConnectorKeysLookup = std::function<const std::vector<KeySpec>*(std::string_view type)>;

struct LoadOptions {
  bool read_secrets = true;  // false for commands that never talk to ThreatConnect
  // The connectors' secret references too (with read_secrets); false for commands that talk only
  // to ThreatConnect (owners, api, sign, indicators), which no feed key should hold up.
  bool read_connector_secrets = true;
};

// Throws ConfigError.
Config load_config(const std::string& path, const ConnectorKeysLookup& connector_keys, const LoadOptions& options = {});

}  // namespace tcfeed::config
