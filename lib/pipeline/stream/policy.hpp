#pragma once
// What policy needs at run time, built once from the configuration: the allowlist, the
// warninglists and the ATT&CK names. Building it validates the allowlist entries and files, reads
// the warninglists and parses the ATT&CK bundle, so a bad entry is a config error at start, not a
// surprise mid-run.
#include <memory>

#include "lib/config/config.hpp"
#include "lib/indicators/attack_catalog.hpp"
#include "lib/indicators/attack_tags.hpp"
#include "lib/pipeline/stream/allowlist.hpp"
#include "lib/pipeline/stream/warninglists.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::pipeline {

struct Policy {
  Allowlist allowlist;
  Warninglists warninglists;
  indicators::AttackCatalog attack_catalog;
  indicators::AttackTagFormat attack_format = indicators::AttackTagFormat::Legacy;
};

// Throws config::ConfigError naming the file and line of the bad entry.
std::unique_ptr<Policy> build_policy(const config::Config& config);

// The `allowlist:` section (built-in lists, entries, files) into `allowlist`; a bad entry is a
// ConfigError at its line. Also the never-block list of every export (docs/exports.md, Safety).
void add_configured_allowlist(Allowlist& allowlist, const config::Config& config);

// Without an offline bundle, ATT&CK names come from the platform's ATT&CK Tags: from the state
// database's cache while it is younger than attack.refresh, else fetched and cached. A failure
// leaves the catalog empty (techniques are then dropped and counted, never invented).
void add_platform_attack_names(Policy& policy, const config::Config& config, threatconnect::ApiClient& api,
                               state::StateStore& state);

}  // namespace tcfeed::pipeline
