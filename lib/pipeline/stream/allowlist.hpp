#pragma once
// The allowlist half of the policy stage (docs/architecture.md, Stream): values the operator never wants sent, and the
// built-in reserved IP ranges. Built once per config load; match() is const and allocation-free, so
// one instance can be shared by every pipeline thread.
#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/reject.hpp"
#include "lib/pipeline/stream/reserved_ranges.hpp"

namespace tcfeed::pipeline {

class AllowlistError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Allowlist {
 public:
  // Reasons returned by match(): stable, usable as metric labels.
  static constexpr std::string_view kReservedReason = "allowlist:reserved-ip-ranges";
  static constexpr std::string_view kEntryReason = "allowlist:entry";

  // Built-in lists by name; "reserved-ip-ranges" = reserved_ranges() (IANA special-purpose
  // registries, multicast, and IPv4 embedded in ::ffff:0:0/96, 64:ff9b::/96 and 2002::/16).
  // Returns false for an unknown name; adding a list twice is harmless.
  bool add_builtin(std::string_view name);
  static std::vector<std::string_view> builtin_names();

  // One entry: type inferred from the value (IP → address, a/n → CIDR range, hex 32/40/64 → hash,
  // contains "://" → exact URL, contains "@" → exact email address, otherwise a domain suffix: the
  // domain and everything below it; a leading "*." or "." is accepted and means the same), or given
  // explicitly as "Type=value" with a platform type name ("Mutex=Global\\abc", "URL=http://x/").
  // "Host=" entries are domain suffixes too, "File=" entries add each hash of the summary. Values
  // go through the indicators' normalize(), so "Bücher.example" matches "xn--bcher-kva.example".
  // Returns what was expected when the entry is refused, nullopt when it was added.
  std::optional<std::string> add(std::string_view entry);

  // The type an untyped entry is taken for (see add()); `tcfeed why` guesses a value's type so too.
  static indicators::IndicatorType inferred_type(std::string_view value);

  // One entry a line, '#' starts a comment (at the line's start or after whitespace, so a URL's
  // "#fragment" stays), blank lines ignored. Throws AllowlistError("FILE:LINE: <error>") on a bad
  // line, AllowlistError("FILE: <error>") when unreadable. Lines before a bad one stay added: a
  // config reload builds a new Allowlist and drops it on error, so no rollback is needed.
  void add_file(const std::string& path);

  // The reason an already-normalized indicator is allowlisted, or nullopt.
  std::optional<std::string_view> match(indicators::IndicatorType type, std::string_view normalized_value) const;

  // The entry that allowlists an already-normalized indicator, as the audit and `tcfeed why` name
  // it (docs/audit.md): "example.com" (a domain and what is below it), "203.0.113.0/24",
  // "reserved-ip-ranges 192.168.0.0/16 (Private-Use, RFC 1918)"; nullopt when match() finds
  // nothing. Slower than match(), so asked only about values match() dropped.
  std::optional<std::string> explain(indicators::IndicatorType type, std::string_view normalized_value) const;

  // Entries accepted, counting each range of a built-in list once.
  std::size_t size() const { return size_; }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view value) const noexcept { return std::hash<std::string_view>{}(value); }
  };
  using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

  std::optional<std::string> add_entry(std::string_view entry);
  // Normalizes `value` as `type` and files it in the structure for its kind.
  indicators::Reject store(indicators::IndicatorType type, std::string_view value);
  std::optional<std::string_view> match_ip_text(std::string_view text) const;
  bool under_domain_suffix(std::string_view host) const;
  void finalize_ranges();
  std::optional<std::string> explain_ip(const indicators::IpAddress& ip) const;
  std::optional<std::string> explain_suffix(std::string_view host) const;

  IpRangeSet builtin_ranges_;
  IpRangeSet entry_ranges_;
  // The address and CIDR entries as written (normalized), for explain(): the range set merges them.
  std::vector<std::pair<indicators::IpNetwork, std::string>> entry_networks_;
  StringSet domain_suffixes_;
  StringSet hashes_;
  // Exact values per type (indexed by IndicatorType): a Mutex entry never matches a User Agent.
  std::array<StringSet, indicators::kAllIndicatorTypes.size()> exact_;
  std::string scratch_;  // normalize() output while adding, reused
  bool reserved_added_ = false;
  std::size_t size_ = 0;
};

}  // namespace tcfeed::pipeline
