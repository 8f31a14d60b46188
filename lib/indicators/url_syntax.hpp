#pragma once
// The pieces of URL normalization that the general path (url.cpp) and the plain-URL fast path
// (url_plain.cpp) share, so both write the scheme, port, path, query and fragment with the same code.
#include <array>
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators::url_syntax {

struct Scheme {
  std::string_view name;
  unsigned default_port;
};
inline constexpr std::array<Scheme, 4> kSchemes = {{{"http", 80}, {"https", 443}, {"ftp", 21}, {"sftp", 22}}};

// The supported scheme `name` names (any case), or nullptr.
const Scheme* find_scheme(std::string_view name);

enum class Part { UserInfo, Path, Query, Fragment };

// Appends `in` percent-encoding what RFC 3986 does not allow literally in `part` (upper-case hex,
// UTF-8 bytes one by one); valid %xx escapes pass unchanged, a stray '%' becomes %25.
void append_encoded(std::string_view in, Part part, std::string& out);

// Appends what follows the authority: the path, then '?' and the query, then '#' and the fragment
// (the first '?' before the first '#' starts the query; a second '#' is encoded).
void append_tail(std::string_view tail, std::string& out);

// Appends ":port" unless the port is empty or the scheme's default; leading zeros dropped.
Reject append_port(std::string_view port, unsigned default_port, std::string& out);

}  // namespace tcfeed::indicators::url_syntax
