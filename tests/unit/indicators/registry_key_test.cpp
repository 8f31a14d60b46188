#include <gtest/gtest.h>

#include "lib/indicators/registry_key.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(RegistryKeyTest, Forms) {
  expect_cases(
      IndicatorType::RegistryKey,
      {
          {R"(HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run : Evil : REG_SZ)",
           R"(HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run : Evil : REG_SZ)"},
          {R"(HKLM\Software\Run : Evil : REG_SZ)", R"(HKEY_LOCAL_MACHINE\Software\Run : Evil : REG_SZ)"},
          {R"(hklm\Software\Run:Evil:reg_sz)", R"(HKEY_LOCAL_MACHINE\Software\Run : Evil : REG_SZ)"},
          {R"(HKCU\Software\X : V : REG_DWORD)", R"(HKEY_CURRENT_USER\Software\X : V : REG_DWORD)"},
          {R"(HKCR\.exe : V : REG_NONE)", R"(HKEY_CLASSES_ROOT\.exe : V : REG_NONE)"},
          {R"(HKU\S-1-5-18 : V : REG_BINARY)", R"(HKEY_USERS\S-1-5-18 : V : REG_BINARY)"},
          {R"(HKCC\System : V : REG_QWORD)", R"(HKEY_CURRENT_CONFIG\System : V : REG_QWORD)"},
          {R"(HKPD : V : REG_MULTI_SZ)", R"(HKEY_PERFORMANCE_DATA : V : REG_MULTI_SZ)"},
          {R"(HKEY_CURRENT_USER_LOCAL_SETTINGS\X : V : REG_LINK)",
           R"(HKEY_CURRENT_USER_LOCAL_SETTINGS\X : V : REG_LINK)"},
          {R"(HKEY_PERFORMANCE_NLSTEXT : V : REG_EXPAND_SZ)", R"(HKEY_PERFORMANCE_NLSTEXT : V : REG_EXPAND_SZ)"},
          {R"(HKEY_PERFORMANCE_TEXT\A : V : REG_DWORD_BIG_ENDIAN)",
           R"(HKEY_PERFORMANCE_TEXT\A : V : REG_DWORD_BIG_ENDIAN)"},
          {R"(hkey_local_machine\Software\Run : V : REG_QWORD_LITTLE_ENDIAN)",
           R"(HKEY_LOCAL_MACHINE\Software\Run : V : REG_QWORD_LITTLE_ENDIAN)"},
          {R"(HKLM\Software\Run :  : REG_SZ)", R"(HKEY_LOCAL_MACHINE\Software\Run :   : REG_SZ)"},
          {R"(HKLM\Software\Run::REG_SZ)", R"(HKEY_LOCAL_MACHINE\Software\Run :   : REG_SZ)"},
          {R"(HKLM\Software\SharedDLLs : C:\Windows\evil.dll : REG_DWORD_LITTLE_ENDIAN)",
           R"(HKEY_LOCAL_MACHINE\Software\SharedDLLs : C:\Windows\evil.dll : REG_DWORD_LITTLE_ENDIAN)"},
          {R"(HKLM\Software\Run :  Leading space : REG_SZ)",
           R"(HKEY_LOCAL_MACHINE\Software\Run :  Leading space : REG_SZ)"},
          {R"(HKLM\Software\Run)", "", Reject::RegistryKeyFormat},
          {R"(HKLM\Software\Run : Evil)", "", Reject::RegistryKeyFormat},
          {R"( : Evil : REG_SZ)", "", Reject::RegistryKeyFormat},
          {R"(HKLMX\Software : V : REG_SZ)", "", Reject::RegistryKeyHive},
          {R"(Software\Run : V : REG_SZ)", "", Reject::RegistryKeyHive},
          {R"(HKEY_LOCAL\Software : V : REG_SZ)", "", Reject::RegistryKeyHive},
          {R"(HKLM\Software : V : REG_STRING)", "", Reject::RegistryKeyValueType},
          {R"(HKLM\Software : V : )", "", Reject::RegistryKeyValueType},
          {"HKLM\\Soft\tware : V : REG_SZ", "", Reject::ControlCharacter},
          {"HKLM\\Soft\xffware : V : REG_SZ", "", Reject::InvalidUtf8},
          {"", "", Reject::Empty},
      });
}

}  // namespace
}  // namespace tcfeed::indicators
