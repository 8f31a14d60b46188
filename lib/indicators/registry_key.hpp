#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// The Registry Key indicator, as its summary "Key Name : Value Name : Value Type" (docs/threatconnect.md).
//  - Key Name must start with a full hive name (HKEY_LOCAL_MACHINE, ...; the platform refuses
//    "HKLM\"), so the abbreviations HKLM HKCU HKCR HKU HKCC HKPD are expanded; the hive is
//    upper-cased, the rest of the path kept as given.
//  - The first ':' ends the Key Name and the last ':' starts the Value Type, so a Value Name may
//    itself contain ':' ("C:\Windows\evil.dll" under SharedDLLs). One space each side of a
//    separator belongs to the separator.
//  - An empty Value Name becomes " " (the platform requires the field).
//  - Value Type one of REG_NONE REG_BINARY REG_DWORD REG_DWORD_LITTLE_ENDIAN REG_DWORD_BIG_ENDIAN
//    REG_EXPAND_SZ REG_LINK REG_MULTI_SZ REG_QWORD REG_QWORD_LITTLE_ENDIAN REG_SZ (any case in,
//    upper-case out).
// Output: "<Key Name> : <Value Name> : <Value Type>".
Reject normalize_registry_key(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
