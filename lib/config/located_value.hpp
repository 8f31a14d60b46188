#pragma once
#include <string>

namespace tcfeed::config {

// A value from the configuration file with its line, so a problem found after loading (a bad
// allowlist entry, say) still points at where it was written.
struct LocatedValue {
  std::string value;
  int line = 0;
};

}  // namespace tcfeed::config
