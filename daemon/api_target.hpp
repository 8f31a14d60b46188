#pragma once
// The TARGET of `tcfeed sign` and `tcfeed api`, read one way for both: an endpoint relative to
// threatconnect.base_url as the API docs write it ("/v2/owners"), the same without its leading
// slash, with the base URL's own path in front ("/api/v2/owners" when base_url ends in /api), or
// the whole URL copied from a browser or a script ("https://…/api/v2/owners").
#include <optional>
#include <string>

namespace tcfeed::cli {

// The endpoint relative to `base_url`, starting with '/'; nullopt (and `error` says why) for a
// target outside the base URL or empty.
std::optional<std::string> resolve_api_target(const std::string& base_url, const std::string& target,
                                              std::string& error);

}  // namespace tcfeed::cli
