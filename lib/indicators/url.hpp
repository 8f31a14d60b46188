#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// Longest raw URL looked at; longer input is Reject::TooLong before any parsing.
inline constexpr std::size_t kMaxUrlLength = 8192;

// The URL indicator:
//  - trimmed, refanged (hxxp://, [.], ...);
//  - scheme required and lower-cased; http, https, ftp and sftp only;
//  - host through the Host rules (IDNA A-labels, lower-case); an IPv4 host kept canonical; an IPv6
//    host bracketed and RFC 5952; the default port (80/443/21/22) and an empty port dropped;
//  - userinfo, path, query and fragment kept byte for byte, except bytes RFC 3986 does not allow
//    there (space, controls, non-ASCII, "<>\"\\^`{|}[]", a '%' not followed by two hex digits, a
//    second '#') which are percent-encoded as UTF-8 with upper-case hex. Existing %xx escapes keep
//    their case. An empty path stays empty ("http://a.com" gets no slash);
//  - the result is checked with Boost.URL's RFC 3986 parser.
Reject normalize_url(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
