#pragma once
// The STIX 2.1 patterns tcfeed turns into indicators (docs/feeds.md, TAXII 2.1 and STIX 2.1): one
// equality comparison, or comparisons joined by OR — inside one observation
// (`[a = 'x' OR b = 'y']`) or across observations (`[a = 'x'] OR [b = 'y']`), parentheses allowed —
// on these object paths:
//   ipv4-addr:value, ipv6-addr:value   → Address, or CIDR when the value has a '/'
//   domain-name:value                  → Host
//   url:value                          → URL
//   email-addr:value                   → EmailAddress
//   file:hashes.'MD5' / 'SHA-1' / 'SHA-256' (quoted or not; SHA1/SHA256 spellings too) → File
// An OR of such comparisons means "any of these values", so each value is an indicator of its own.
// Everything else is reported with the reason it is not mapped and no values at all: an AND, a
// FOLLOWEDBY or a qualifier changes what a match means, so sending part of the pattern would claim
// more than the producer did. The whole pattern is read before deciding, so a pattern that is not
// valid STIX is a syntax problem whatever it contains.
//
// Pure: no I/O, no allocation beyond the values, bounded in length, nesting and comparisons.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/unmapped.hpp"

namespace tcfeed::connectors::taxii {

struct PatternLimits {
  std::size_t max_bytes = 64 * 1024;  // a long OR list of hashes stays well below
  std::size_t max_depth = 32;         // parentheses and brackets, nested
  std::size_t max_comparisons = 512;
};

struct PatternValue {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::string value;  // the string literal with its escapes (\' and \\) undone
  bool operator==(const PatternValue&) const = default;
};

struct StixPattern {
  std::vector<PatternValue> values;  // in pattern order, each distinct value once; empty when unsupported
  // Why the pattern is not mapped: one of the Pattern* reasons. The first unsupported construct in
  // reading order decides; a syntax error anywhere wins over it, a bound over everything.
  std::optional<pipeline::Unmapped> unsupported;
};

StixPattern read_stix_pattern(std::string_view pattern, const PatternLimits& limits = {});

}  // namespace tcfeed::connectors::taxii
