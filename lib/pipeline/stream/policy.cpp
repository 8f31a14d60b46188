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

std::string joined(const std::vector<std::string_view>& names) {
  std::string text;
  for (const auto name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

void add_warninglists(Policy& policy, const config::Config& config) {
  const auto builtin_names = Warninglists::builtin_names();
  if (!config.warninglists.builtin) {
    for (const auto name : builtin_names) policy.warninglists.add_builtin(name);
  } else {
    for (const auto& name : *config.warninglists.builtin) {
      if (!policy.warninglists.add_builtin(name.value)) {
        fail(config, name, "warninglists.builtin",
             "unknown built-in list '" + name.value + "'; known: " + joined(builtin_names));
      }
    }
  }
  for (const auto& file : config.warninglists.files) {
    try {
      policy.warninglists.add(warninglist_id(file.value), read_misp_warninglist(file.value));
    } catch (const WarninglistError& error) {
      fail(config, file, "warninglists.files", error.what());
    }
  }
  for (const auto& id : config.warninglists.tag_only) {
    if (!policy.warninglists.set_tag_only(id.value)) {
      std::vector<std::string_view> loaded;
      for (const auto& info : policy.warninglists.lists()) loaded.push_back(info.id);
      fail(config, id, "warninglists.tag_only",
           "no warninglist is named '" + id.value + "'; loaded: " + (loaded.empty() ? "none" : joined(loaded)));
    }
  }
  for (const auto& info : policy.warninglists.lists()) {
    if (info.types == 0) {
      spdlog::warn("warninglist '{}' applies to no indicator type tcfeed sends: it never matches", info.id);
    } else if (info.unusable > 0) {
      spdlog::info("warninglist '{}': {} entries, {} not a value of the types it applies to", info.id, info.entries,
                   info.unusable);
    }
  }
}

}  // namespace

void add_configured_allowlist(Allowlist& allowlist, const config::Config& config) {
  for (const auto& name : config.allowlist.builtin) {
    if (!allowlist.add_builtin(name.value)) {
      std::string known;
      for (auto builtin : Allowlist::builtin_names()) known += (known.empty() ? "" : ", ") + std::string(builtin);
      fail(config, name, "allowlist.builtin", "unknown built-in list '" + name.value + "'; known: " + known);
    }
  }
  for (const auto& entry : config.allowlist.entries) {
    if (auto error = allowlist.add(entry.value)) fail(config, entry, "allowlist.entries", *error);
  }
  for (const auto& file : config.allowlist.files) {
    try {
      allowlist.add_file(file.value);
    } catch (const AllowlistError& error) {
      fail(config, file, "allowlist.files", error.what());
    }
  }
}

std::unique_ptr<Policy> build_policy(const config::Config& config) {
  auto policy = std::make_unique<Policy>();
  add_configured_allowlist(policy->allowlist, config);
  add_warninglists(*policy, config);
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
