#pragma once

#include <string>
#include <string_view>

namespace tcfeed::indicators {

// Undoes the usual "defanging" analysts and feeds apply so a value cannot be clicked:
//   hxxp://  hxxps://  (any case)  -> http://  https://
//   [.]  (.)  -> .      [:] -> :      [@] -> @
// Writes the result into `out` (cleared first, capacity reused). Applied by normalize() for Host,
// URL, Address and EmailAddress only: in a Mutex or a User Agent "[.]" may be the real value.
void refang(std::string_view in, std::string& out);

// True when `in` contains something refang() would change (lets callers skip the copy).
bool needs_refang(std::string_view in);

}  // namespace tcfeed::indicators
