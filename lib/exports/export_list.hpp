#pragma once
// An export's list as held in memory (docs/exports.md, Performance): compact entries sorted by
// the platform id, their values in one arena, and what many entries share (owner, type, tags,
// scores) interned once. An entry is 24 bytes plus its value's bytes, so a million-entry list
// fits in a few tens of MB; ExportEntry is the expanded form, built one at a time for rendering.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/exports/export_entry.hpp"
#include "lib/exports/interned.hpp"

namespace tcfeed::exports {

// What an entry shares with many others.
struct EntryTraits {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::uint32_t owner = 0;     // index into owners()
  std::uint32_t tags = 0;      // index into tag_sets()
  bool modified_text = false;  // CompactEntry::modified is an index into modified_texts()
  std::optional<double> rating;
  std::optional<std::int64_t> confidence;
  std::optional<double> threat_assess_rating;
  std::optional<double> threat_assess_confidence;
  std::optional<std::int64_t> threat_assess_score;

  bool operator==(const EntryTraits&) const = default;
};

struct EntryTraitsHash {
  std::size_t operator()(const EntryTraits& traits) const;
};
struct TagSetHash {
  std::size_t operator()(const std::vector<std::string>& tags) const;
};

struct CompactEntry {
  std::int64_t id = 0;
  std::uint32_t value_at = 0;  // offset in the arena
  std::uint32_t value_size = 0;
  std::uint32_t modified = 0;  // lastModified as unix seconds, or an index (EntryTraits::modified_text)
  std::uint32_t traits = 0;    // index into traits()
};
static_assert(sizeof(CompactEntry) == 24);

class ExportList {
 public:
  ExportList() = default;
  // For tests and small lists: the entries in any order (a repeated id: the last wins).
  static ExportList of(const std::vector<ExportEntry>& entries);

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const std::vector<CompactEntry>& entries() const { return entries_; }
  const CompactEntry& operator[](std::size_t i) const { return entries_[i]; }

  std::string_view value(const CompactEntry& entry) const { return {arena_.data() + entry.value_at, entry.value_size}; }
  const EntryTraits& traits(const CompactEntry& entry) const { return traits_[entry.traits]; }
  std::string_view owner(const CompactEntry& entry) const { return owners_[traits(entry).owner]; }
  std::optional<std::int64_t> score(const CompactEntry& entry) const { return traits(entry).threat_assess_score; }
  ExportEntry expand(const CompactEntry& entry) const;

  // The position of `id`, or nothing.
  std::optional<std::size_t> find(std::int64_t id) const;

  // `entry` packed against this list's tables and arena (its value appended to the arena unless
  // `existing` already holds the same bytes). For building and merging; see insert_sorted.
  CompactEntry pack(const ExportEntry& entry, const CompactEntry* existing = nullptr);
  bool same(const CompactEntry& a, const CompactEntry& b) const;

  // Replaces the entry at `i` (same id).
  void replace(std::size_t i, const CompactEntry& entry);
  // Removes the entries `drop` marks (by position).
  void remove(const std::vector<bool>& drop);
  // Adds entries whose ids are sorted, distinct and not in the list.
  void insert_sorted(std::vector<CompactEntry> added);
  // Drops what no entry uses any more (old values, owners, tag sets, traits): after a merge.
  void compact();

  // For the saved form (export_codec.cpp).
  const Interned<std::string>& owners() const { return owners_; }
  const Interned<std::vector<std::string>, TagSetHash>& tag_sets() const { return tag_sets_; }
  const Interned<EntryTraits, EntryTraitsHash>& traits() const { return traits_; }
  const Interned<std::string>& modified_texts() const { return modified_texts_; }
  std::uint32_t intern_owner(const std::string& owner) { return owners_.intern(owner); }
  std::uint32_t intern_tags(const std::vector<std::string>& tags) { return tag_sets_.intern(tags); }
  std::uint32_t intern_traits(const EntryTraits& traits) { return traits_.intern(traits); }
  std::uint32_t intern_modified_text(const std::string& text) { return modified_texts_.intern(text); }
  std::uint32_t add_value(std::string_view value);
  // Appends an entry whose id is above every other (a decoder reading a sorted list).
  void push_back(const CompactEntry& entry) { entries_.push_back(entry); }

 private:
  std::vector<CompactEntry> entries_;  // sorted by id
  std::string arena_;
  std::size_t dead_bytes_ = 0;  // arena bytes no entry refers to
  Interned<std::string> owners_;
  Interned<std::vector<std::string>, TagSetHash> tag_sets_;
  Interned<EntryTraits, EntryTraitsHash> traits_;
  Interned<std::string> modified_texts_;  // lastModified texts that are not "YYYY-MM-DDTHH:MM:SSZ"
};

}  // namespace tcfeed::exports
