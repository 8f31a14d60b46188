#pragma once
// ATT&CK as tags (docs/threatconnect.md, ATT&CK tags). Two forms:
//   Legacy   — the integration guide's "Contributing MITRE ATT&CK Data" reference, the default:
//              "T1055 - Process Injection - DEF - ENT - ATT&CK".
//   Platform — the platform's ATT&CK Tags (TC >= 7.2): "T1566 - Phishing",
//              "T1055.001 - Process Injection: Dynamic-link Library Injection".
#include <optional>
#include <string>
#include <string_view>

#include "lib/indicators/attack_catalog.hpp"

namespace tcfeed::indicators {

enum class AttackTagFormat { Legacy, Platform };

// The tactic's three-letter abbreviation (docs/threatconnect.md, ATT&CK tags) for a tactic given as a
// MITRE shortname ("defense-evasion"), display name ("Defense Evasion"), tactic id ("TA0005") or
// Sigma/MISP-prefixed shortname ("attack.defense_evasion", "mitre-attack:defense-evasion").
// "not determined" → "NDT". nullopt for anything else — including reconnaissance and
// resource-development, which MITRE added after the table was published: no source gives them an
// abbreviation and inventing one would make tags nobody else produces, so a technique tag with
// one of them uses "NDT" (see attack_tag).
std::optional<std::string_view> tactic_abbreviation(std::string_view tactic);

// Extracts a technique id from a source reference: "T1566", "t1055.001", "Phishing - T1566" (MISP
// galaxy style), "attack.t1059.001" (Sigma style), "T1566 - Phishing". Returns the canonical
// upper-case id, or nullopt when there is none or more than one distinct id (which one the
// source meant would be a guess).
std::optional<std::string> parse_technique_id(std::string_view reference);

struct AttackTagResult {
  std::optional<std::string> tag;
  enum class Outcome { Tag, UnknownTechnique, NoTechnique } outcome;
};

// One tag for a technique reference with an optional tactic, names from the catalog (never
// invented: an id the catalog lacks → UnknownTechnique, no tag, even when a tactic is known).
//   Legacy:   "<id> - <name> - <ABR> - ENT - ATT&CK"; a sub-technique with its own name; no
//             tactic, or one without an abbreviation → "NDT".
//   Platform: "<id> - <name>", a sub-technique's name as "<Parent name>: <Sub name>" (the
//             platform's display form; a sub-technique whose parent the catalog lacks is
//             UnknownTechnique).
// A reference without a parsable id counts as no technique. Only a known tactic: Legacy → the
// tactic's display name with spaces as '-' ("Defense-Evasion"); Platform → no tag (NoTechnique).
// Tags are at most kMaxTagLength bytes: the name part is cut (on a UTF-8 boundary), never the id
// or the suffix.
AttackTagResult attack_tag(const AttackCatalog& catalog, std::optional<std::string_view> technique_reference,
                           std::optional<std::string_view> tactic, AttackTagFormat format);

}  // namespace tcfeed::indicators
