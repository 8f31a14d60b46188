#include "lib/pipeline/stream/policy.hpp"

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/threatconnect/attack_tag_list.hpp"

namespace tcfeed::pipeline {
namespace {

[[noreturn]] void fail(const config::Config& config, const config::LocatedValue& where, const std::string& path,
                       const std::string& message) {
  throw config::ConfigError(config.file + (where.line > 0 ? ":" + std::to_string(where.line) : "") + ": " + path +
                            ": " + message);
}

}  // namespace

std::unique_ptr<Policy> build_policy(const config::Config& config) {
  auto policy = std::make_unique<Policy>();
  for (const auto& name : config.allowlist.builtin) {
    if (!policy->allowlist.add_builtin(name.value)) {
      std::string known;
      for (auto builtin : Allowlist::builtin_names()) known += (known.empty() ? "" : ", ") + std::string(builtin);
      fail(config, name, "allowlist.builtin", "unknown built-in list '" + name.value + "'; known: " + known);
    }
  }
  for (const auto& entry : config.allowlist.entries) {
    if (auto error = policy->allowlist.add(entry.value)) fail(config, entry, "allowlist.entries", *error);
  }
  for (const auto& file : config.allowlist.files) {
    try {
      policy->allowlist.add_file(file.value);
    } catch (const AllowlistError& error) {
      fail(config, file, "allowlist.files", error.what());
    }
  }
  if (!config.threatconnect.attack_bundle.empty()) {
    try {
      policy->attack_catalog = indicators::AttackCatalog::from_stix_bundle(config.threatconnect.attack_bundle);
    } catch (const std::exception& error) {
      throw config::ConfigError(config.file + ": threatconnect.attack_bundle: " + error.what());
    }
  }
  policy->attack_format = config.attack_tag_style == config::AttackTagStyle::Platform
                              ? indicators::AttackTagFormat::Platform
                              : indicators::AttackTagFormat::Legacy;
  return policy;
}

void add_platform_attack_names(Policy& policy, const config::Config& config, threatconnect::ApiClient& api,
                               state::StateStore& state) {
  if (!config.threatconnect.attack_bundle.empty()) return;
  const std::int64_t now = api.now();
  auto names = state.attack_tags(now - std::chrono::duration_cast<std::chrono::seconds>(config.attack_refresh).count());
  if (names.empty()) {
    try {
      for (auto& entry : threatconnect::fetch_attack_tag_list(api)) {
        names.emplace_back(std::move(entry.technique_id), std::move(entry.name));
      }
      state.replace_attack_tags(names, now);
      spdlog::info("ATT&CK: {} fetched from ThreatConnect", counted(names.size(), "technique tag", "technique tags"));
    } catch (const state::StateError&) {
      throw;
    } catch (const std::exception& error) {
      spdlog::warn("ATT&CK: the platform's tag list is unavailable ({}); technique ids will be dropped", error.what());
      return;
    }
  }
  for (const auto& [id, name] : names) {
    // The platform names a sub-technique "Parent: Child"; the catalog keeps each technique's own name.
    const auto colon = name.find(": ");
    const bool sub_technique = id.find('.') != std::string::npos;
    policy.attack_catalog.add_technique(id,
                                        sub_technique && colon != std::string::npos ? name.substr(colon + 2) : name);
  }
}

}  // namespace tcfeed::pipeline
