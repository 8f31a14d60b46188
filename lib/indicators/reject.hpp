#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tcfeed::indicators {

// Why a value was refused. One enumerator per distinct reason so the pipeline can count rejects
// by reason (docs/architecture.md, Stream). Append only: values may be stored.
enum class Reject : std::uint8_t {
  None,
  Empty,
  TooLong,
  InvalidUtf8,
  ControlCharacter,
  TypeOutOfRange,  // an IndicatorType cast from an integer outside the enum; no caller makes one
  // Address / CIDR
  InvalidAddress,
  Ipv4LeadingZero,
  Ipv4OctetOutOfRange,
  CidrMissingPrefix,
  CidrInvalidPrefix,
  // Host (also the host of a URL and the domain of an EmailAddress)
  HostInvalidCharacter,
  HostEmptyLabel,
  HostLabelTooLong,
  HostTooLong,
  HostHyphen,  // no longer given: hyphens are allowed anywhere (docs/hosts.md, CheckHyphens=false)
  HostSingleLabel,
  HostIsAddress,
  HostNumericTld,
  HostBidiControl,
  HostInvalidPunycode,
  HostIdnaError,
  // URL
  UrlMissingScheme,
  UrlUnsupportedScheme,
  UrlInvalid,
  UrlMissingHost,
  UrlInvalidPort,
  // File
  HashInvalidHex,
  HashInvalidLength,
  HashInvalidOrder,
  // EmailAddress
  EmailMissingAt,
  EmailMultipleAt,
  EmailInvalidLocalPart,
  EmailLocalPartTooLong,
  // ASN
  AsnInvalid,
  AsnOutOfRange,
  // Registry Key
  RegistryKeyFormat,
  RegistryKeyHive,
  RegistryKeyValueType,
  // Hashtag
  HashtagWhitespace,
};

// Short human reason, e.g. "not an IPv4 or IPv6 address". Never empty.
std::string_view reject_text(Reject reason);

// A stable snake_case identifier for metrics labels and JSON, e.g. "invalid_address".
std::string_view reject_id(Reject reason);

// The reason whose reject_id is `id`, or nullopt.
std::optional<Reject> reject_from_id(std::string_view id);

// Every reason, in enum order.
std::span<const Reject> all_rejects();

}  // namespace tcfeed::indicators
