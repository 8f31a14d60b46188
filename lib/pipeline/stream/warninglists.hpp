#pragma once
// The warninglist half of the policy stage (docs/architecture.md, Warninglists): values known to be
// good — public resolvers, the empty file's hashes, whatever MISP warninglists the operator adds —
// which a feed must not make malicious indicators of. A hit drops the value or, for a list the
// operator marks tag-only, sends it with a tag naming the list; either is counted by list.
//
// All lists are merged into one structure per way of matching (exact values per indicator type,
// domain suffixes, CIDR intervals, substrings), so a value costs a few lookups however many lists
// there are. Built once per config load; match() is const and allocation-free.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/stream/misp_warninglist.hpp"
#include "lib/pipeline/stream/reserved_ranges.hpp"

namespace tcfeed::pipeline {

enum class WarninglistAction { Drop, Tag };

struct WarninglistInfo {
  std::string id;      // short and stable: counts, metrics, tag_only
  std::string name;    // the list's own name
  std::string reason;  // "warninglist:<id>", the dropped count's reason
  std::string tag;     // "Warninglist: <id>", sent on a tag-only list's hits
  WarninglistAction action = WarninglistAction::Drop;
  std::uint32_t types = 0;   // bit per IndicatorType the list applies to
  std::size_t entries = 0;   // entries in effect
  std::size_t unusable = 0;  // entries no applicable indicator type accepts (counted, not fatal)
};

class Warninglists {
 public:
  // The built-in lists' ids; add_builtin() returns false for any other name.
  static std::vector<std::string_view> builtin_names();
  bool add_builtin(std::string_view id);

  // Adds a list under `id`. Entries are normalized as each indicator type the list applies to
  // (its MISP matching_attributes, or every type its kind can match) takes them, so "Dns.Google"
  // matches "dns.google". A second list with the same id throws WarninglistError.
  void add(std::string id, const MispWarninglist& list);

  // Hits of list `id` are tagged rather than dropped. False when no list has that id.
  bool set_tag_only(std::string_view id);

  // The list that holds an already-normalized indicator; a dropping list wins over a tagging one.
  const WarninglistInfo* match(indicators::IndicatorType type, std::string_view normalized_value) const;

  const std::vector<WarninglistInfo>& lists() const { return lists_; }
  bool empty() const { return lists_.empty(); }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view value) const noexcept { return std::hash<std::string_view>{}(value); }
  };
  using Index = std::uint16_t;
  // A value may be on several lists: all are kept, so the strongest action can win.
  using ValueLists = std::unordered_multimap<std::string, Index, StringHash, std::equal_to<>>;
  struct Ranges {
    IpRangeSet set;
    Index list;
  };
  struct Needle {
    std::string lower;
    Index list;
  };

  void insert(ValueLists& values, std::string_view value, Index list);
  void better(const WarninglistInfo*& best, Index candidate, indicators::IndicatorType type) const;
  void match_values(const ValueLists& values, std::string_view value, indicators::IndicatorType type,
                    const WarninglistInfo*& best) const;
  void match_suffixes(std::string_view host, indicators::IndicatorType type, const WarninglistInfo*& best) const;
  void match_address(std::string_view text, indicators::IndicatorType type, const WarninglistInfo*& best) const;

  std::vector<WarninglistInfo> lists_;
  std::array<ValueLists, indicators::kAllIndicatorTypes.size()> exact_;
  ValueLists suffixes_;  // hostname lists' domains
  std::vector<Ranges> ranges_;
  std::vector<Needle> needles_;
  // The types some list of each kind applies to: a URL feed pays no host lookups for a list of
  // resolver host names that applies to Host indicators only.
  std::uint32_t suffix_types_ = 0;
  std::uint32_t range_types_ = 0;
  std::uint32_t needle_types_ = 0;
  std::string scratch_;
};

}  // namespace tcfeed::pipeline
