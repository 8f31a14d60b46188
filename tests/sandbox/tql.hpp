#pragma once
// A small, documented subset of ThreatConnect Query Language (docs/threatconnect.md, Reads), enough for the reads
// tcfeed makes: clauses `field = "v"`, `field != "v"` / `field NE "v"`, `field in ("a", "b")`,
// `field is null`, `field is not null`, `field > v` (also >=, <, <=: numbers compared as numbers,
// other values as text, so ISO times order), `hasTag(summary <op> …)`, joined with `and`;
// parentheses group clauses (only `and` inside too). Keywords ignore case; strings take
// double or single quotes with the escapes \" \' \` \\; a bare number is a value too. Each
// endpoint then says which fields it supports (tql_check) — anything else is a 400.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::sandbox {

enum class TqlOp { kEquals, kNotEquals, kIn, kIsNull, kIsNotNull, kLess, kLessEq, kGreater, kGreaterEq };

struct TqlClause {
  std::string field;
  TqlOp op = TqlOp::kEquals;
  std::vector<std::string> values;  // one for = and !=, one or more for in, none for null checks
};

// Parses decoded TQL text into clauses (an empty text gives none). Error text on failure.
std::optional<std::string> parse_tql(std::string_view text, std::vector<TqlClause>& clauses);

struct TqlField {
  std::string_view name;     // matched ignoring case
  bool null_checks = false;  // allows `is [not] null`
  // A list (hasTag): the lookup gives its values joined by '\x1f'; the clause holds when any does.
  bool many = false;
};

// Every clause names a supported field and, for null checks, one that allows them.
std::optional<std::string> tql_check(const std::vector<TqlClause>& clauses, std::span<const TqlField> fields);

// Value of a field for one object; nothing for null. Called with the field's canonical name.
using TqlLookup = std::function<std::optional<std::string>(std::string_view field)>;

// All clauses hold. Comparisons ignore ASCII case; the string "null" compares as null (so
// `techniqueId NE "null"` is `techniqueId is not null`, as tcex writes it).
bool tql_matches(const std::vector<TqlClause>& clauses, std::span<const TqlField> fields, const TqlLookup& lookup);

}  // namespace tcfeed::sandbox
