#pragma once
// A connector's position in its source. `position` is opaque to everyone but the connector (a
// max id, a timestamp, a TAXII `next`); the HTTP validators make a re-poll of an unchanged
// source cost one 304.
#include <string>

namespace tcfeed::state {

struct Cursor {
  std::string position;
  std::string etag;
  std::string last_modified;

  bool operator==(const Cursor&) const = default;
};

}  // namespace tcfeed::state
