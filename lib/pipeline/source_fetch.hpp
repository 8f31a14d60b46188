#pragma once
// Fetching a feed's bytes, shared by every connector: https:// (conditional GET with the cursor's
// validators, a size cap, the CA file) and file:// (replay of a saved export, no server needed).
#include <cstddef>
#include <stdexcept>
#include <string>

#include "lib/state/cursor.hpp"

namespace tcfeed::pipeline {

// The source failed: unreachable, refused (401 bad key, 402 rate limited, 403 forbidden), too
// large. The message names the source without its query string (it may carry a key).
class SourceError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct FetchRequest {
  std::string url;
  std::string etag;           // from the cursor: If-None-Match
  std::string last_modified;  // from the cursor: If-Modified-Since
  std::string ca_file;
  std::size_t max_bytes = 256u << 20;
};

struct FetchResult {
  bool not_modified = false;
  std::string body;
  std::string etag;
  std::string last_modified;
};

FetchResult fetch_source(const FetchRequest& request);

// The URL as it may appear in logs: scheme, host and path, no query or userinfo.
std::string redact_url(const std::string& url);

}  // namespace tcfeed::pipeline
