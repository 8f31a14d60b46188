#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// Undoes the usual "defanging" analysts and feeds apply so a value cannot be clicked:
//   hxxp://  hxxps://  (any case)  -> http://  https://
//   [.]  (.)  -> .      [:] -> :      [@] -> @
// Writes the result into `out` (cleared first, capacity reused). Applied by normalize() for Host,
// URL, Address and EmailAddress only: in a Mutex or a User Agent "[.]" may be the real value.
void refang(std::string_view in, std::string& out);

// True when `in` contains something refang() would change (lets callers skip the copy).
bool needs_refang(std::string_view in);

// How the normalizers that refang begin: `raw` longer than `max_raw` bytes is TooLong and a blank
// one Empty; otherwise `value` is it trimmed and refanged, a view into `raw` or, when something was
// refanged, into `scratch`.
Reject trim_and_refang(std::string_view raw, std::size_t max_raw, std::string& scratch, std::string_view& value);

}  // namespace tcfeed::indicators
