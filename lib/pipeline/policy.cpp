#include "lib/pipeline/policy.hpp"

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

}  // namespace tcfeed::pipeline
