#pragma once
// The batch job settings a connector's documents are sent with: its owner and write types
// (docs/threatconnect.md, Job settings), and the action — Create, or Delete for a full list's removed entries.
#include <string>

#include "lib/config/config.hpp"
#include "lib/threatconnect/batch_settings.hpp"

namespace tcfeed::pipeline {

inline std::string job_settings(const config::ConnectorConfig& connector, std::string action = "Create") {
  threatconnect::BatchSettings settings;
  settings.owner = connector.owner;
  settings.action = std::move(action);
  settings.attribute_write_type = connector.attribute_write_type;
  settings.tag_write_type = connector.tag_write_type;
  settings.security_label_write_type = connector.security_label_write_type;
  return threatconnect::settings_json(settings);
}

}  // namespace tcfeed::pipeline
