#include "lib/indicators/indicator_type.hpp"

#include <cstddef>

namespace tcfeed::indicators {
namespace {

struct TypeInfo {
  IndicatorType type;
  std::string_view name;
  std::string_view branch;
};

// Same order as the enum, so type_name() can index by value.
constexpr std::array<TypeInfo, 12> kTypes = {{
    {IndicatorType::Address, "Address", "addresses"},
    {IndicatorType::EmailAddress, "EmailAddress", "emailAddresses"},
    {IndicatorType::File, "File", "files"},
    {IndicatorType::Host, "Host", "hosts"},
    {IndicatorType::URL, "URL", "urls"},
    {IndicatorType::ASN, "ASN", "asns"},
    {IndicatorType::CIDR, "CIDR", "cidrBlocks"},
    {IndicatorType::EmailSubject, "Email Subject", "emailSubjects"},
    {IndicatorType::Hashtag, "Hashtag", "hashtags"},
    {IndicatorType::Mutex, "Mutex", "mutexes"},
    {IndicatorType::RegistryKey, "Registry Key", "registryKeys"},
    {IndicatorType::UserAgent, "User Agent", "userAgents"},
}};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    if (static_cast<std::size_t>(kTypes[i].type) != i || kAllIndicatorTypes[i] != kTypes[i].type) {
      return false;
    }
  }
  return true;
}
static_assert(table_matches_enum(), "kTypes must list the types in enum order");

const TypeInfo* info(IndicatorType type) {
  const auto index = static_cast<std::size_t>(type);
  return index < kTypes.size() ? &kTypes[index] : nullptr;
}

}  // namespace

std::optional<IndicatorType> parse_indicator_type(std::string_view name) {
  for (const auto& entry : kTypes) {
    if (entry.name == name) {
      return entry.type;
    }
  }
  return std::nullopt;
}

std::string_view type_name(IndicatorType type) {
  const auto* entry = info(type);
  return entry != nullptr ? entry->name : std::string_view("(unknown indicator type)");
}

std::string_view v2_branch(IndicatorType type) {
  const auto* entry = info(type);
  return entry != nullptr ? entry->branch : std::string_view();
}

std::string_view all_type_names_joined() {
  return "Address, EmailAddress, File, Host, URL, ASN, CIDR, Email Subject, Hashtag, Mutex, "
         "Registry Key, User Agent";
}

}  // namespace tcfeed::indicators
