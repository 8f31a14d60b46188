#pragma once
// Fetching a feed's bytes, shared by every connector: https:// (conditional GET with the cursor's
// validators, a size cap, the CA file; or a POST for an API that wants one) and file:// (replay of
// a saved export, no server needed).
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "lib/core/secret.hpp"
#include "lib/net/http_message.hpp"
#include "lib/net/proxy.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/source/source_ask.hpp"
#include "lib/state/cursor.hpp"

namespace tcfeed::pipeline {

// The source failed: unreachable, refused (401 bad key, 402 rate limited, 403 forbidden, 429/503
// busy), too large. The message names the source without its query string (it may carry a key).
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  SourceError(const std::string& message, SourceAsk ask) : std::runtime_error(message), ask_(ask) {}

  // Set when the source asked to wait or to slow down: the next poll honours it.
  const SourceAsk& ask() const { return ask_; }
  // The download was cut because tcfeed is stopping, not because the source failed.
  bool stopped() const { return stopped_; }
  static SourceError stopping(const std::string& message) {
    SourceError error(message);
    error.stopped_ = true;
    return error;
  }

 private:
  SourceAsk ask_;
  bool stopped_ = false;
};

struct FetchRequest {
  std::string url;
  std::string method = "GET";  // https:// only; a file:// source is read, whatever this says
  std::string body;            // sent with a POST, with its Content-Type among the headers
  std::string etag;            // from the cursor: If-None-Match
  std::string last_modified;   // from the cursor: If-Modified-Since
  std::string ca_file;
  // https:// only: the client certificate file and its key's PEM text (source_request reads it).
  std::string client_cert_file;
  Secret client_key;
  std::size_t max_bytes = 256u << 20;
  // https:// only: the whole exchange must end within `deadline`, and the body must come at least
  // `min_rate` bytes per second in each `min_rate_window` (0: no minimum). The defaults and the
  // configuration keys are in source_access.hpp.
  std::chrono::milliseconds deadline{std::chrono::minutes(15)};
  std::size_t min_rate = 1024;
  std::chrono::milliseconds min_rate_window{std::chrono::seconds(60)};
  // A stop ends a download in flight at once (SourceError, stopped()). source_request() takes the
  // poll's own, from fetch_stop.hpp.
  std::stop_token stop;
  // Extra request headers, e.g. {"Auth-Key", key}: values may be secrets and are never logged.
  std::vector<net::Header> headers;
  std::optional<net::ProxyOptions> proxy;
  std::vector<std::string> no_proxy;
};

class ByteSource;
struct SourceLocation;  // lib/pipeline/source/source_access.hpp
struct SourceAccess;

struct FetchedStream {
  bool not_modified = false;
  std::unique_ptr<ByteSource> body;  // null when not modified
  std::string etag;
  std::string last_modified;
  // The response's `Expires` header (on a 200 or a 304), as a unix time; unset when absent or not
  // a date (RFC 9111: an invalid date means already expired).
  std::optional<std::int64_t> expires_unix = std::nullopt;
  // The response's headers (https:// only), for a protocol that pages by them (TAXII's
  // X-TAXII-Date-Added-Last).
  std::vector<net::Header> headers;

  // The cursor once this body is read: the connector's new position with these validators.
  state::Cursor cursor(std::string position) const { return {std::move(position), etag, last_modified}; }
};

// The body as a stream: a file:// source is read in place; an https:// body is spooled to an
// unlinked temporary file as it arrives (in $TMPDIR), so a large export never sits in memory.
FetchedStream fetch_stream(const FetchRequest& request);

// The request for a connector's source: the location's URL, CA file and size cap, with the
// access's credentials and proxy (its secrets are read now). Throws SourceError.
FetchRequest source_request(const SourceLocation& location, const SourceAccess& access);

// How every poll starts: source_request with the cursor's validators (If-None-Match,
// If-Modified-Since), fetched as a stream. not_modified: the source has nothing new.
FetchedStream fetch_since(const SourceLocation& location, const SourceAccess& access, const state::Cursor& cursor);

// What poll() returns when the source answered 304: nothing read, the cursor as it was.
inline PollResult not_modified_since(const state::Cursor& cursor) { return PollResult{cursor, true, 0}; }

// The URL as it may appear in logs: scheme, host and path, no query or userinfo.
std::string redact_url(const std::string& url);

}  // namespace tcfeed::pipeline
