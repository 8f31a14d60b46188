#pragma once
// The sandbox's built-in ATT&CK Tags (docs/threatconnect.md, ATT&CK tags): a realistic subset of
// Enterprise techniques and sub-techniques with their MITRE names, shaped as the platform's
// system-level tags (`name` holds "Technique" or "Technique: Sub-technique", `techniqueId` the id).
#include <cstdint>
#include <span>
#include <string_view>

namespace tcfeed::sandbox {

struct AttackTag {
  std::int64_t id;
  std::string_view name;
  std::string_view technique_id;
};

// In id order (ids 100, 101, ...); T1055 is 100 and T1055.001 is 101.
std::span<const AttackTag> attack_tags();

// The ATT&CK tag with this name (exact), if any: indicators tagged with it show its techniqueId.
const AttackTag* find_attack_tag_by_name(std::string_view name);

}  // namespace tcfeed::sandbox
