#pragma once
// ATT&CK technique names by id. Tags must carry MITRE's names exactly (docs/threatconnect.md,
// ATT&CK tags: "never invented"), so every name comes from here: MITRE's STIX bundle offline, or
// whatever the caller loads from the platform's ATT&CK tag list.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tcfeed::indicators {

// The bundle could not be read or is not a STIX bundle; the message starts with the path.
class AttackError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AttackCatalog {
 public:
  // id: "T1055" or "T1055.001" (stored upper-case). name: the technique's name, or a
  // sub-technique's own name ("Dynamic-link Library Injection"), cleaned like a tag. A later add
  // of the same id replaces the name; an empty name is ignored.
  void add_technique(std::string_view id, std::string_view name);
  // Case-insensitive id ("t1055" ok).
  std::optional<std::string_view> technique_name(std::string_view id) const;
  std::size_t size() const { return names_.size(); }

  // MITRE's STIX 2.x bundle (enterprise-attack.json): objects of type "attack-pattern" that are
  // not revoked and not x_mitre_deprecated, keyed by the external_id of their "mitre-attack"
  // external reference. Throws AttackError("PATH: what went wrong") on an unreadable file or
  // invalid JSON; an attack-pattern without a usable id or name is skipped, as MITRE's own tools
  // skip it.
  static AttackCatalog from_stix_bundle(const std::string& path);

 private:
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace tcfeed::indicators
