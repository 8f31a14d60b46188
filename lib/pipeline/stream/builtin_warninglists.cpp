#include "lib/pipeline/stream/builtin_warninglists.hpp"

#include <array>

namespace tcfeed::pipeline {
namespace {

using namespace std::string_view_literals;

// The digests of zero bytes: a sample that is an empty file is no sample, yet sandboxes and feeds
// report it (a failed download, a dropped file that was never written).
constexpr std::array kHashAttributes = {"md5"sv, "sha1"sv, "sha256"sv};
constexpr std::array kEmptyFileHashes = {
    "d41d8cd98f00b204e9800998ecf8427e"sv,
    "da39a3ee5e6b4b0d3255bfef95601890afd80709"sv,
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"sv,
};

// The public recursive resolvers' service addresses, as their operators publish them. Malware
// resolves names through them like everything else, so sandboxes record them as contacted.
constexpr std::array kAddressAttributes = {"ip-src"sv, "ip-dst"sv};
constexpr std::array kPublicResolvers = {
    // Google Public DNS
    "8.8.8.8"sv,
    "8.8.4.4"sv,
    "2001:4860:4860::8888"sv,
    "2001:4860:4860::8844"sv,
    "2001:4860:4860::6464"sv,
    "2001:4860:4860::64"sv,
    // Cloudflare 1.1.1.1, with its malware and family filters
    "1.1.1.1"sv,
    "1.0.0.1"sv,
    "1.1.1.2"sv,
    "1.0.0.2"sv,
    "1.1.1.3"sv,
    "1.0.0.3"sv,
    "2606:4700:4700::1111"sv,
    "2606:4700:4700::1001"sv,
    "2606:4700:4700::1112"sv,
    "2606:4700:4700::1002"sv,
    "2606:4700:4700::1113"sv,
    "2606:4700:4700::1003"sv,
    // Quad9, secured, unsecured and with ECS
    "9.9.9.9"sv,
    "149.112.112.112"sv,
    "9.9.9.10"sv,
    "149.112.112.10"sv,
    "9.9.9.11"sv,
    "149.112.112.11"sv,
    "2620:fe::fe"sv,
    "2620:fe::9"sv,
    "2620:fe::10"sv,
    "2620:fe::fe:10"sv,
    "2620:fe::11"sv,
    "2620:fe::fe:11"sv,
    // Cisco OpenDNS, and its FamilyShield
    "208.67.222.222"sv,
    "208.67.220.220"sv,
    "208.67.222.123"sv,
    "208.67.220.123"sv,
    "2620:119:35::35"sv,
    "2620:119:53::53"sv,
    // AdGuard DNS
    "94.140.14.14"sv,
    "94.140.15.15"sv,
    "2a10:50c0::ad1:ff"sv,
    "2a10:50c0::ad2:ff"sv,
    // Level 3 (Lumen)
    "4.2.2.1"sv,
    "4.2.2.2"sv,
    "4.2.2.3"sv,
    "4.2.2.4"sv,
    "4.2.2.5"sv,
    "4.2.2.6"sv,
};

// The same services' DNS-over-HTTPS and DNS-over-TLS names.
constexpr std::array kHostAttributes = {"domain"sv, "hostname"sv};
constexpr std::array kPublicResolverHosts = {
    "dns.google"sv,      "one.one.one.one"sv, "cloudflare-dns.com"sv,  "dns.quad9.net"sv,
    "doh.opendns.com"sv, "dns.opendns.com"sv, "dns.adguard-dns.com"sv,
};

constexpr std::array kBuiltins = {
    BuiltinWarninglist{"empty-file-hashes", "Hashes of the empty file", WarninglistKind::String, kHashAttributes,
                       kEmptyFileHashes},
    BuiltinWarninglist{"public-dns-resolvers", "Public DNS resolvers' addresses", WarninglistKind::Cidr,
                       kAddressAttributes, kPublicResolvers},
    BuiltinWarninglist{"public-dns-resolver-hosts", "Public DNS resolvers' host names", WarninglistKind::Hostname,
                       kHostAttributes, kPublicResolverHosts},
};

}  // namespace

std::span<const BuiltinWarninglist> builtin_warninglists() { return kBuiltins; }

}  // namespace tcfeed::pipeline
