#include "tests/sandbox/indicator_types.hpp"

#include <array>

namespace tcfeed::sandbox {
namespace {

constexpr std::string_view kIp[] = {"ip"};
constexpr std::string_view kAddress[] = {"address"};
constexpr std::string_view kHashes[] = {"md5", "sha1", "sha256"};
constexpr std::string_view kHostName[] = {"hostName"};
constexpr std::string_view kText[] = {"text"};
constexpr std::string_view kAsNumber[] = {"AS Number"};
constexpr std::string_view kBlock[] = {"Block"};
constexpr std::string_view kSubject[] = {"Subject"};
constexpr std::string_view kHashtag[] = {"Hashtag"};
constexpr std::string_view kMutex[] = {"Mutex"};
constexpr std::string_view kRegistry[] = {"Key Name", "Value Name", "Value Type"};
constexpr std::string_view kUserAgent[] = {"User Agent String"};

// The docs give no v2 branch for Email Subject and Hashtag (docs/threatconnect.md, Indicator types); these follow the
// naming pattern of the others.
constexpr std::array<IndicatorType, 12> kTypes{{
    {IndicatorKind::kAddress, "Address", "addresses", "address", kIp},
    {IndicatorKind::kEmailAddress, "EmailAddress", "emailAddresses", "emailAddress", kAddress},
    {IndicatorKind::kFile, "File", "files", "file", kHashes},
    {IndicatorKind::kHost, "Host", "hosts", "host", kHostName},
    {IndicatorKind::kUrl, "URL", "urls", "url", kText},
    {IndicatorKind::kAsn, "ASN", "asns", "asn", kAsNumber},
    {IndicatorKind::kCidr, "CIDR", "cidrBlocks", "cidrBlock", kBlock},
    {IndicatorKind::kEmailSubject, "Email Subject", "emailSubjects", "emailSubject", kSubject},
    {IndicatorKind::kHashtag, "Hashtag", "hashtags", "hashtag", kHashtag},
    {IndicatorKind::kMutex, "Mutex", "mutexes", "mutex", kMutex},
    {IndicatorKind::kRegistryKey, "Registry Key", "registryKeys", "registryKey", kRegistry},
    {IndicatorKind::kUserAgent, "User Agent", "userAgents", "userAgent", kUserAgent},
}};

}  // namespace

std::span<const IndicatorType> indicator_types() { return kTypes; }

const IndicatorType* find_type_by_name(std::string_view name) {
  for (const auto& type : kTypes) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

const IndicatorType* find_type_by_branch(std::string_view branch) {
  for (const auto& type : kTypes) {
    if (type.branch == branch) return &type;
  }
  return nullptr;
}

}  // namespace tcfeed::sandbox
