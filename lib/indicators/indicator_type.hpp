#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tcfeed::indicators {

// The 12 standard ThreatConnect indicator types (docs/threatconnect.md, Indicator types). Nothing else may be sent.
enum class IndicatorType {
  Address,
  EmailAddress,
  File,
  Host,
  URL,
  ASN,
  CIDR,
  EmailSubject,
  Hashtag,
  Mutex,
  RegistryKey,
  UserAgent
};

inline constexpr std::array<IndicatorType, 12> kAllIndicatorTypes = {
    IndicatorType::Address, IndicatorType::EmailAddress, IndicatorType::File,        IndicatorType::Host,
    IndicatorType::URL,     IndicatorType::ASN,          IndicatorType::CIDR,        IndicatorType::EmailSubject,
    IndicatorType::Hashtag, IndicatorType::Mutex,        IndicatorType::RegistryKey, IndicatorType::UserAgent};

// Accepts the platform names exactly: "Address","EmailAddress","File","Host","URL","ASN","CIDR",
// "Email Subject","Hashtag","Mutex","Registry Key","User Agent". Case and spacing matter: a config
// that says "host" or "EmailSubject" is a config error, not a guess.
std::optional<IndicatorType> parse_indicator_type(std::string_view name);

// The platform name above.
std::string_view type_name(IndicatorType type);

// The v2 apiBranch ("addresses", "cidrBlocks", ...). Email Subject and Hashtag are missing from the
// v2 docs' type list (docs/threatconnect.md, Indicator types); "emailSubjects" / "hashtags" are the
// conventional guesses, and a client should prefer what GET /v2/types/indicatorTypes reports at
// runtime.
std::string_view v2_branch(IndicatorType type);

// "Address, EmailAddress, File, ..." for error messages.
std::string_view all_type_names_joined();

}  // namespace tcfeed::indicators
