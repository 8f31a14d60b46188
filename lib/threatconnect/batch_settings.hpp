#pragma once
// Batch job settings (docs/threatconnect.md, Job settings): the owner and write types every job states.
// Upload documents are indicator_json.hpp's.
#include <string>

namespace tcfeed::threatconnect {

struct BatchSettings {
  std::string owner;                               // always explicit (docs/threatconnect.md, Owners)
  std::string action = "Create";                   // or "Delete"
  std::string attribute_write_type = "Singleton";  // never Append: re-sends would stack duplicates
  std::string tag_write_type = "Append";
  std::string security_label_write_type = "Append";
  bool halt_on_error = false;
};

std::string settings_json(const BatchSettings& settings);

}  // namespace tcfeed::threatconnect
