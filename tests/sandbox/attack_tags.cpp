#include "tests/sandbox/attack_tags.hpp"

#include <array>

namespace tcfeed::sandbox {
namespace {

// Names as MITRE ATT&CK Enterprise (v14+) writes them.
constexpr std::array kAttackTags = {
    AttackTag{100, "Process Injection", "T1055"},
    AttackTag{101, "Process Injection: Dynamic-link Library Injection", "T1055.001"},
    AttackTag{102, "Process Injection: Thread Local Storage", "T1055.005"},
    AttackTag{103, "Phishing", "T1566"},
    AttackTag{104, "Phishing: Spearphishing Attachment", "T1566.001"},
    AttackTag{105, "Phishing: Spearphishing Link", "T1566.002"},
    AttackTag{106, "Command and Scripting Interpreter", "T1059"},
    AttackTag{107, "Command and Scripting Interpreter: PowerShell", "T1059.001"},
    AttackTag{108, "Command and Scripting Interpreter: Windows Command Shell", "T1059.003"},
    AttackTag{109, "Application Layer Protocol", "T1071"},
    AttackTag{110, "Application Layer Protocol: Web Protocols", "T1071.001"},
    AttackTag{111, "Ingress Tool Transfer", "T1105"},
    AttackTag{112, "Obfuscated Files or Information", "T1027"},
    AttackTag{113, "User Execution", "T1204"},
    AttackTag{114, "User Execution: Malicious File", "T1204.002"},
    AttackTag{115, "Exploit Public-Facing Application", "T1190"},
    AttackTag{116, "External Remote Services", "T1133"},
    AttackTag{117, "Valid Accounts", "T1078"},
    AttackTag{118, "Data Encrypted for Impact", "T1486"},
    AttackTag{119, "Inhibit System Recovery", "T1490"},
    AttackTag{120, "Boot or Logon Autostart Execution", "T1547"},
    AttackTag{121, "Boot or Logon Autostart Execution: Registry Run Keys / Startup Folder", "T1547.001"},
    AttackTag{122, "Scheduled Task/Job", "T1053"},
    AttackTag{123, "Scheduled Task/Job: Scheduled Task", "T1053.005"},
    AttackTag{124, "System Binary Proxy Execution", "T1218"},
    AttackTag{125, "System Binary Proxy Execution: Rundll32", "T1218.011"},
    AttackTag{126, "Masquerading", "T1036"},
    AttackTag{127, "Modify Registry", "T1112"},
    AttackTag{128, "Remote Services", "T1021"},
    AttackTag{129, "Remote Services: Remote Desktop Protocol", "T1021.001"},
    AttackTag{130, "OS Credential Dumping", "T1003"},
    AttackTag{131, "OS Credential Dumping: LSASS Memory", "T1003.001"},
    AttackTag{132, "Endpoint Denial of Service", "T1499"},
    AttackTag{133, "Endpoint Denial of Service: Application or System Exploitation", "T1499.004"},
    AttackTag{134, "XSL Script Processing", "T1220"},
    AttackTag{135, "System Information Discovery", "T1082"},
};

}  // namespace

std::span<const AttackTag> attack_tags() { return kAttackTags; }

const AttackTag* find_attack_tag_by_name(std::string_view name) {
  for (const auto& tag : kAttackTags) {
    if (tag.name == name) return &tag;
  }
  return nullptr;
}

}  // namespace tcfeed::sandbox
