#include "lib/indicators/attack_tags.hpp"

#include <array>

#include "lib/indicators/tags.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {

namespace {

struct Tactic {
  std::string_view shortname;     // MITRE's x_mitre_shortname, also the kill_chain phase_name
  std::string_view id;            // MITRE's TA id
  std::string_view display_name;  // MITRE's name
  std::string_view abbreviation;  // docs/threatconnect.md, ATT&CK tags; empty when the sources give none
};

// Enterprise tactics. The abbreviations are tcex's (mitre_attack_utils.py, the integration guide's
// tag list); reconnaissance and resource-development postdate that list and have none.
constexpr std::array<Tactic, 14> kTactics{{
    {"reconnaissance", "TA0043", "Reconnaissance", ""},
    {"resource-development", "TA0042", "Resource Development", ""},
    {"initial-access", "TA0001", "Initial Access", "INI"},
    {"execution", "TA0002", "Execution", "EXE"},
    {"persistence", "TA0003", "Persistence", "PER"},
    {"privilege-escalation", "TA0004", "Privilege Escalation", "PRI"},
    {"defense-evasion", "TA0005", "Defense Evasion", "DEF"},
    {"credential-access", "TA0006", "Credential Access", "CRA"},
    {"discovery", "TA0007", "Discovery", "DIS"},
    {"lateral-movement", "TA0008", "Lateral Movement", "LAT"},
    {"collection", "TA0009", "Collection", "COL"},
    {"command-and-control", "TA0011", "Command and Control", "C&C"},
    {"exfiltration", "TA0010", "Exfiltration", "EXF"},
    {"impact", "TA0040", "Impact", "IMP"},
}};

constexpr std::string_view kNotDetermined = "NDT";

constexpr bool is_word_char(char c) { return text::is_alpha(c) || text::is_digit(c); }

// Shortname, display name and Sigma's underscore form differ only in separators and case.
constexpr bool matches_shortname(std::string_view given, std::string_view shortname) {
  if (given.size() != shortname.size()) return false;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const char c = (given[i] == ' ' || given[i] == '_') ? '-' : text::to_lower(given[i]);
    if (c != shortname[i]) return false;
  }
  return true;
}

std::string_view strip_tactic_prefix(std::string_view tactic) {
  tactic = text::trim(tactic);
  // Sigma writes "attack.defense-evasion" (formerly "attack.defense_evasion"); MISP galaxy
  // kill_chain entries carry a "mitre-attack:" prefix.
  constexpr std::array<std::string_view, 2> kPrefixes{"attack.", "mitre-attack:"};
  for (const std::string_view prefix : kPrefixes) {
    if (text::istarts_with(tactic, prefix)) return tactic.substr(prefix.size());
  }
  return tactic;
}

const Tactic* find_tactic(std::string_view given) {
  given = strip_tactic_prefix(given);
  for (const Tactic& tactic : kTactics) {
    if (matches_shortname(given, tactic.shortname) || text::iequals(given, tactic.id)) {
      return &tactic;
    }
  }
  return nullptr;
}

bool digits_at(std::string_view s, std::size_t pos, std::size_t count) {
  if (s.size() < pos + count) return false;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!text::is_digit(s[i])) return false;
  }
  return true;
}

bool word_ends_at(std::string_view s, std::size_t pos) { return pos >= s.size() || !is_word_char(s[pos]); }

// The length of a technique id starting at s[pos] ('T'/'t' already checked): 5 ("T1566"),
// 9 ("T1566.001"), or 0 when the word there is something else ("T15660", "T1566.01", "T1566x").
std::size_t technique_id_length(std::string_view s, std::size_t pos) {
  if (!digits_at(s, pos + 1, 4)) return 0;
  const std::size_t after = pos + 5;
  if (after < s.size() && s[after] == '.' && after + 1 < s.size() && text::is_digit(s[after + 1])) {
    return digits_at(s, after + 1, 3) && word_ends_at(s, after + 4) ? 9 : 0;
  }
  // A '.' not followed by a digit ends a sentence or a Sigma-style word, not the id.
  return word_ends_at(s, after) ? 5 : 0;
}

}  // namespace

std::optional<std::string_view> tactic_abbreviation(std::string_view tactic) {
  if (matches_shortname(strip_tactic_prefix(tactic), "not-determined")) return kNotDetermined;
  const Tactic* found = find_tactic(tactic);
  if (found == nullptr || found->abbreviation.empty()) return std::nullopt;
  return found->abbreviation;
}

std::optional<std::string> parse_technique_id(std::string_view reference) {
  std::optional<std::string> found;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    if (text::to_upper(reference[i]) != 'T' || (i > 0 && is_word_char(reference[i - 1]))) continue;
    const std::size_t length = technique_id_length(reference, i);
    if (length == 0) continue;
    std::string id(reference.substr(i, length));
    id[0] = 'T';
    if (found && *found != id) return std::nullopt;
    found = std::move(id);
    i += length - 1;
  }
  return found;
}

AttackTagResult attack_tag(const AttackCatalog& catalog, std::optional<std::string_view> technique_reference,
                           std::optional<std::string_view> tactic, AttackTagFormat format) {
  using Outcome = AttackTagResult::Outcome;
  std::optional<std::string> id;
  if (technique_reference) id = parse_technique_id(*technique_reference);
  if (!id) {
    // The guide's partial-data rule: a tactic alone becomes its name; the platform form has no
    // tactic-only tag.
    const Tactic* known = tactic ? find_tactic(*tactic) : nullptr;
    if (format == AttackTagFormat::Platform || known == nullptr) {
      return {std::nullopt, Outcome::NoTechnique};
    }
    std::string tag(known->display_name);
    for (char& c : tag) {
      if (c == ' ') c = '-';
    }
    return {std::move(tag), Outcome::Tag};
  }

  const auto name = catalog.technique_name(*id);
  if (!name) return {std::nullopt, Outcome::UnknownTechnique};

  std::string full_name;
  std::string suffix;
  const bool sub_technique = id->size() > 5;
  if (format == AttackTagFormat::Platform && sub_technique) {
    const auto parent = catalog.technique_name(std::string_view(*id).substr(0, 5));
    if (!parent) return {std::nullopt, Outcome::UnknownTechnique};
    full_name.append(*parent).append(": ").append(*name);
  } else {
    full_name = *name;
  }
  if (format == AttackTagFormat::Legacy) {
    const std::string_view abbreviation =
        (tactic ? tactic_abbreviation(*tactic) : std::nullopt).value_or(kNotDetermined);
    suffix.append(" - ").append(abbreviation).append(" - ENT - ATT&CK");
  }

  std::string tag = *id + " - ";
  // The id and suffix are what the platform and analysts match on; only the name may be cut.
  std::string_view name_part = utf8_prefix(full_name, kMaxTagLength - tag.size() - suffix.size());
  while (!name_part.empty() && text::is_ascii_space(name_part.back())) name_part.remove_suffix(1);
  tag.append(name_part).append(suffix);
  return {std::move(tag), Outcome::Tag};
}

}  // namespace tcfeed::indicators
