#include "lib/indicators/registry_key.hpp"

#include <array>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

constexpr std::size_t kMaxRawRegistryKey = 4096;

struct Hive {
  std::string_view abbreviation;  // empty when there is none
  std::string_view full_name;
};

// Longest names first, so HKEY_CURRENT_USER_LOCAL_SETTINGS is not read as HKEY_CURRENT_USER.
constexpr std::array<Hive, 9> kHives = {{
    {"", "HKEY_CURRENT_USER_LOCAL_SETTINGS"},
    {"", "HKEY_PERFORMANCE_NLSTEXT"},
    {"HKPD", "HKEY_PERFORMANCE_DATA"},
    {"", "HKEY_PERFORMANCE_TEXT"},
    {"HKCC", "HKEY_CURRENT_CONFIG"},
    {"HKCR", "HKEY_CLASSES_ROOT"},
    {"HKLM", "HKEY_LOCAL_MACHINE"},
    {"HKCU", "HKEY_CURRENT_USER"},
    {"HKU", "HKEY_USERS"},
}};

constexpr std::array<std::string_view, 11> kValueTypes = {"REG_NONE",
                                                          "REG_BINARY",
                                                          "REG_DWORD",
                                                          "REG_DWORD_LITTLE_ENDIAN",
                                                          "REG_DWORD_BIG_ENDIAN",
                                                          "REG_EXPAND_SZ",
                                                          "REG_LINK",
                                                          "REG_MULTI_SZ",
                                                          "REG_QWORD",
                                                          "REG_QWORD_LITTLE_ENDIAN",
                                                          "REG_SZ"};

// True when `key` starts with `name` followed by '\' or the end of the key.
bool starts_with_hive(std::string_view key, std::string_view name) {
  if (name.empty() || !text::istarts_with(key, name)) return false;
  return key.size() == name.size() || key[name.size()] == '\\';
}

std::string_view strip_one_space(std::string_view s) {
  if (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

Reject normalize_registry_key(std::string_view raw, std::string& out) {
  out.clear();
  if (raw.size() > kMaxRawRegistryKey) return Reject::TooLong;
  const std::string_view value = text::trim(raw);
  if (value.empty()) return Reject::Empty;
  if (!text::is_valid_utf8(value)) return Reject::InvalidUtf8;
  if (text::has_control_character(value)) return Reject::ControlCharacter;

  const std::size_t first = value.find(':');
  const std::size_t last = value.rfind(':');
  if (first == std::string_view::npos || first == last) return Reject::RegistryKeyFormat;
  const auto key = text::trim(value.substr(0, first));
  const auto value_name = strip_one_space(value.substr(first + 1, last - first - 1));
  const auto value_type = text::trim(value.substr(last + 1));
  if (key.empty()) return Reject::RegistryKeyFormat;

  const Hive* hive = nullptr;
  std::size_t hive_length = 0;
  for (const auto& candidate : kHives) {
    if (starts_with_hive(key, candidate.full_name)) {
      hive = &candidate;
      hive_length = candidate.full_name.size();
      break;
    }
    if (starts_with_hive(key, candidate.abbreviation)) {
      hive = &candidate;
      hive_length = candidate.abbreviation.size();
      break;
    }
  }
  if (hive == nullptr) return Reject::RegistryKeyHive;

  std::string_view type_name;
  for (const auto candidate : kValueTypes) {
    if (text::iequals(candidate, value_type)) type_name = candidate;
  }
  if (type_name.empty()) return Reject::RegistryKeyValueType;

  out.append(hive->full_name);
  out.append(key.substr(hive_length));
  out.append(" : ");
  out.append(value_name.empty() ? std::string_view(" ") : value_name);
  out.append(" : ");
  out.append(type_name);
  return Reject::None;
}

}  // namespace tcfeed::indicators
