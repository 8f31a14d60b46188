#pragma once
// STIX 2.1 and TAXII 2.1 timestamps: RFC 3339 in UTC, "2016-05-12T08:17:27Z" with an optional
// fraction of up to nanoseconds ("…27.000Z"). Read to the microsecond (finer digits are dropped):
// what comparing `modified` and `valid_until` needs; a TAXII server's own dates are kept as text
// and sent back verbatim, never re-written.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::connectors::taxii {

using StixTime = std::chrono::sys_time<std::chrono::microseconds>;

// nullopt unless the text is exactly that form, with a date and time that exist, a year 1970–9999.
std::optional<StixTime> parse_stix_time(std::string_view text);

// "2016-05-12T08:17:27Z", or "2016-05-12T08:17:27.123456Z" when there is a fraction.
std::string format_stix_time(StixTime time);

}  // namespace tcfeed::connectors::taxii
