#include "lib/indicators/reject.hpp"

#include <array>
#include <cstddef>

namespace tcfeed::indicators {
namespace {

struct RejectInfo {
  Reject reason;
  std::string_view id;
  std::string_view text;
};

// In enum order; checked below so a new enumerator cannot be forgotten here.
constexpr std::array kRejects = {
    RejectInfo{Reject::None, "none", "accepted"},
    RejectInfo{Reject::Empty, "empty", "empty value"},
    RejectInfo{Reject::TooLong, "too_long", "value too long"},
    RejectInfo{Reject::InvalidUtf8, "invalid_utf8", "not valid UTF-8"},
    RejectInfo{Reject::ControlCharacter, "control_character", "contains a control character"},
    RejectInfo{Reject::TypeOutOfRange, "type_out_of_range", "indicator type value out of range"},
    RejectInfo{Reject::InvalidAddress, "invalid_address", "not an IPv4 or IPv6 address"},
    RejectInfo{Reject::Ipv4LeadingZero, "ipv4_leading_zero",
               "IPv4 octet with a leading zero (ambiguous: octal or decimal)"},
    RejectInfo{Reject::Ipv4OctetOutOfRange, "ipv4_octet_out_of_range", "IPv4 octet above 255"},
    RejectInfo{Reject::CidrMissingPrefix, "cidr_missing_prefix", "CIDR without /prefix length"},
    RejectInfo{Reject::CidrInvalidPrefix, "cidr_invalid_prefix",
               "CIDR prefix length not a number in range (0-32 IPv4, 0-128 IPv6)"},
    RejectInfo{Reject::HostInvalidCharacter, "host_invalid_character",
               "host has a character not allowed in a domain name"},
    RejectInfo{Reject::HostEmptyLabel, "host_empty_label", "host has an empty label (..)"},
    RejectInfo{Reject::HostLabelTooLong, "host_label_too_long", "host label longer than 63 characters"},
    RejectInfo{Reject::HostTooLong, "host_too_long", "host longer than 253 characters"},
    RejectInfo{Reject::HostHyphen, "host_hyphen", "host label starts or ends with a hyphen"},
    RejectInfo{Reject::HostSingleLabel, "host_single_label",
               "host has a single label (no dot), not a public domain name"},
    RejectInfo{Reject::HostIsAddress, "host_is_address", "IP address literal is not a Host (use the Address type)"},
    RejectInfo{Reject::HostNumericTld, "host_numeric_tld",
               "last label is numeric: looks like a malformed IP address, not a domain"},
    RejectInfo{Reject::HostBidiControl, "host_bidi_control",
               "host contains a bidirectional control character (U+200E/F, U+202A-E, U+2066-9)"},
    RejectInfo{Reject::HostInvalidPunycode, "host_invalid_punycode",
               "host has an xn-- label that is not valid punycode or decodes to a disallowed name"},
    RejectInfo{Reject::HostIdnaError, "host_idna_error", "not a valid internationalized domain name (UTS #46)"},
    RejectInfo{Reject::UrlMissingScheme, "url_missing_scheme",
               "URL without scheme:// (expected http, https, ftp or sftp)"},
    RejectInfo{Reject::UrlUnsupportedScheme, "url_unsupported_scheme",
               "URL scheme not supported (http, https, ftp, sftp)"},
    RejectInfo{Reject::UrlInvalid, "url_invalid", "not a valid URL (RFC 3986)"},
    RejectInfo{Reject::UrlMissingHost, "url_missing_host", "URL without a host"},
    RejectInfo{Reject::UrlInvalidPort, "url_invalid_port", "URL port not in 0-65535"},
    RejectInfo{Reject::HashInvalidHex, "hash_invalid_hex", "hash is not hexadecimal"},
    RejectInfo{Reject::HashInvalidLength, "hash_invalid_length",
               "hash length is not 32 (MD5), 40 (SHA1) or 64 (SHA256)"},
    RejectInfo{Reject::HashInvalidOrder, "hash_invalid_order",
               "file hashes repeated or not in md5 : sha1 : sha256 order"},
    RejectInfo{Reject::EmailMissingAt, "email_missing_at", "email address without @"},
    RejectInfo{Reject::EmailMultipleAt, "email_multiple_at", "email address with more than one @"},
    RejectInfo{Reject::EmailInvalidLocalPart, "email_invalid_local_part",
               "email local part empty or has a character not allowed"},
    RejectInfo{Reject::EmailLocalPartTooLong, "email_local_part_too_long", "email local part longer than 64 bytes"},
    RejectInfo{Reject::AsnInvalid, "asn_invalid", "not an AS number (expected ASN12345)"},
    RejectInfo{Reject::AsnOutOfRange, "asn_out_of_range", "AS number not in 1-4294967295"},
    RejectInfo{Reject::RegistryKeyFormat, "registry_key_format", "expected 'Key Name : Value Name : Value Type'"},
    RejectInfo{Reject::RegistryKeyHive, "registry_key_hive",
               "registry key does not start with a known hive (HKEY_LOCAL_MACHINE, ...)"},
    RejectInfo{Reject::RegistryKeyValueType, "registry_key_value_type",
               "registry value type not one of REG_NONE, REG_SZ, ..."},
    RejectInfo{Reject::HashtagWhitespace, "hashtag_whitespace", "hashtag contains whitespace"},
};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kRejects.size(); ++i) {
    if (static_cast<std::size_t>(kRejects[i].reason) != i) {
      return false;
    }
  }
  return static_cast<std::size_t>(Reject::HashtagWhitespace) + 1 == kRejects.size();
}
static_assert(table_matches_enum(), "kRejects must list every Reject in enum order");

constexpr auto kAllRejects = [] {
  std::array<Reject, kRejects.size()> all{};
  for (std::size_t i = 0; i < kRejects.size(); ++i) all[i] = kRejects[i].reason;
  return all;
}();

}  // namespace

std::string_view reject_text(Reject reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kRejects.size() ? kRejects[index].text : std::string_view("unknown reason");
}

std::string_view reject_id(Reject reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kRejects.size() ? kRejects[index].id : std::string_view("unknown");
}

std::optional<Reject> reject_from_id(std::string_view id) {
  for (const auto& info : kRejects) {
    if (info.id == id) return info.reason;
  }
  return std::nullopt;
}

std::span<const Reject> all_rejects() { return kAllRejects; }

}  // namespace tcfeed::indicators
