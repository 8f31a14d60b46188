#pragma once
// The one percent-encoder for URL components: ThreatConnect query values and path segments (whose
// HMAC signature covers the exact bytes sent) and feed credentials in a query string.
#include <string>
#include <string_view>

namespace tcfeed {

// RFC 3986 §2.3 unreserved characters (ASCII letters, digits, - . _ ~) pass; every other byte
// becomes %XX in upper-case hex, a space included: "%20", never "+". ThreatConnect signs the
// request-target byte for byte, so a "+" would sign one string and be read as another.
std::string percent_encode_component(std::string_view text);

}  // namespace tcfeed
