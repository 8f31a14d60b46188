#pragma once
// The host part of a URL as written, found without parsing the rest: for matching a URL against
// host rules (the allowlist) and for emitting a URL's host beside it (urlhaus host_as).
#include <string_view>

namespace tcfeed::indicators {

// scheme://[userinfo@]host[:port][/?#...] → host, an IPv6 literal without its brackets; "" when
// there is no "://" or the brackets do not close or nest. Not validated: the caller normalizes it.
std::string_view url_host(std::string_view url);

}  // namespace tcfeed::indicators
