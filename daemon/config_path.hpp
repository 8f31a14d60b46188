#pragma once
// Which configuration file a command reads: --config (or -c) when given, else $TCFEED_CONFIG, else
// /etc/tcfeed/tcfeed.yaml. An error about the file says which of the three chose it, so an
// operator who forgot an exported variable is not left guessing why the "wrong" file is read.
#include <optional>
#include <string>

namespace tcfeed::cli {

inline constexpr const char* kDefaultConfigPath = "/etc/tcfeed/tcfeed.yaml";
inline constexpr const char* kConfigEnv = "TCFEED_CONFIG";

struct ConfigPath {
  enum class Origin { Flag, Environment, Default };
  std::string path;
  Origin origin = Origin::Default;

  // "--config", "TCFEED_CONFIG" or "the default": what chose the path, for messages.
  std::string origin_text() const;
};

// `flag` is the --config value when the command line gave one; `environment` is $TCFEED_CONFIG
// (nullptr or empty: unset).
ConfigPath resolve_config_path(const std::optional<std::string>& flag, const char* environment);

}  // namespace tcfeed::cli
