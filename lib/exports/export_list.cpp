#include "lib/exports/export_list.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>

#include "lib/exports/published_list.hpp"

namespace tcfeed::exports {
namespace {

void mix(std::size_t& hash, std::size_t part) { hash ^= part + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2); }

template <class T>
std::size_t optional_hash(const std::optional<T>& value) {
  return value ? std::hash<T>()(*value) : 0x51ed270b27a5e3c1ULL;
}

}  // namespace

std::size_t EntryTraitsHash::operator()(const EntryTraits& traits) const {
  std::size_t hash = static_cast<std::size_t>(traits.type);
  mix(hash, traits.owner);
  mix(hash, traits.tags);
  mix(hash, traits.modified_text ? 1 : 0);
  mix(hash, optional_hash(traits.rating));
  mix(hash, optional_hash(traits.confidence));
  mix(hash, optional_hash(traits.threat_assess_rating));
  mix(hash, optional_hash(traits.threat_assess_confidence));
  mix(hash, optional_hash(traits.threat_assess_score));
  return hash;
}

std::size_t TagSetHash::operator()(const std::vector<std::string>& tags) const {
  std::size_t hash = tags.size();
  for (const auto& tag : tags) mix(hash, std::hash<std::string>()(tag));
  return hash;
}

ExportList ExportList::of(const std::vector<ExportEntry>& entries) {
  ExportList list;
  std::vector<CompactEntry> packed;
  for (const auto& entry : entries) packed.push_back(list.pack(entry));
  std::stable_sort(packed.begin(), packed.end(),
                   [](const CompactEntry& a, const CompactEntry& b) { return a.id < b.id; });
  for (std::size_t i = 0; i < packed.size(); ++i) {
    if (i + 1 < packed.size() && packed[i + 1].id == packed[i].id) continue;  // the last read wins
    list.entries_.push_back(packed[i]);
  }
  list.compact();
  return list;
}

ExportEntry ExportList::expand(const CompactEntry& entry) const {
  const EntryTraits& shared = traits(entry);
  ExportEntry out;
  out.id = entry.id;
  out.type = shared.type;
  out.value = value(entry);
  out.owner = owners_[shared.owner];
  out.rating = shared.rating;
  out.confidence = shared.confidence;
  out.threat_assess_rating = shared.threat_assess_rating;
  out.threat_assess_confidence = shared.threat_assess_confidence;
  out.threat_assess_score = shared.threat_assess_score;
  out.last_modified = shared.modified_text ? modified_texts_[entry.modified] : format_iso_time(entry.modified);
  out.tags = tag_sets_[shared.tags];
  return out;
}

std::optional<std::size_t> ExportList::find(std::int64_t id) const {
  const auto found = std::lower_bound(entries_.begin(), entries_.end(), id,
                                      [](const CompactEntry& entry, std::int64_t key) { return entry.id < key; });
  if (found == entries_.end() || found->id != id) return std::nullopt;
  return static_cast<std::size_t>(found - entries_.begin());
}

std::uint32_t ExportList::add_value(std::string_view value) {
  if (arena_.size() + value.size() > UINT32_MAX) throw std::length_error("export list: values over 4 GB");
  const auto at = static_cast<std::uint32_t>(arena_.size());
  arena_.append(value);
  return at;
}

CompactEntry ExportList::pack(const ExportEntry& entry, const CompactEntry* existing) {
  CompactEntry out;
  out.id = entry.id;
  EntryTraits shared;
  shared.type = entry.type;
  shared.owner = owners_.intern(entry.owner);
  shared.tags = tag_sets_.intern(entry.tags);
  shared.rating = entry.rating;
  shared.confidence = entry.confidence;
  shared.threat_assess_rating = entry.threat_assess_rating;
  shared.threat_assess_confidence = entry.threat_assess_confidence;
  shared.threat_assess_score = entry.threat_assess_score;
  // The platform writes "YYYY-MM-DDTHH:MM:SSZ": held as seconds, written back the same. Any other
  // form is kept as its text, so a rendered list is byte for byte what the platform said.
  const auto seconds = parse_iso_time(entry.last_modified);
  if (seconds && *seconds >= 0 && *seconds <= UINT32_MAX && format_iso_time(*seconds) == entry.last_modified) {
    out.modified = static_cast<std::uint32_t>(*seconds);
  } else {
    shared.modified_text = true;
    out.modified = modified_texts_.intern(entry.last_modified);
  }
  out.traits = traits_.intern(shared);
  out.value_size = static_cast<std::uint32_t>(entry.value.size());
  if (existing != nullptr && value(*existing) == entry.value) {
    out.value_at = existing->value_at;
  } else {
    out.value_at = add_value(entry.value);
  }
  return out;
}

bool ExportList::same(const CompactEntry& a, const CompactEntry& b) const {
  return a.id == b.id && a.traits == b.traits && a.modified == b.modified && value(a) == value(b);
}

void ExportList::replace(std::size_t i, const CompactEntry& entry) { entries_[i] = entry; }

void ExportList::remove(const std::vector<bool>& drop) {
  std::size_t write = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!drop[i]) entries_[write++] = entries_[i];
  }
  entries_.resize(write);
}

void ExportList::insert_sorted(std::vector<CompactEntry> added) {
  if (added.empty()) return;
  if (entries_.empty()) {
    entries_ = std::move(added);
    return;
  }
  // Merged from the back in place: no second copy of the list.
  std::size_t old = entries_.size();
  std::size_t from = added.size();
  entries_.resize(old + from);
  std::size_t to = entries_.size();
  while (from > 0) {
    if (old > 0 && entries_[old - 1].id > added[from - 1].id) {
      entries_[--to] = entries_[--old];
    } else {
      entries_[--to] = added[--from];
    }
  }
}

void ExportList::compact() {
  // Values: moved down in arena order, so the arena is compacted in place.
  std::size_t live = 0;
  for (const auto& entry : entries_) live += entry.value_size;
  if (arena_.size() > 2 * live + 65536) {
    std::vector<std::uint32_t> order(entries_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return entries_[a].value_at < entries_[b].value_at; });
    std::uint32_t write = 0;
    std::uint32_t last_from = UINT32_MAX, last_to = 0;
    for (const auto at : order) {
      auto& entry = entries_[at];
      if (entry.value_at == last_from) {  // two entries sharing one value
        entry.value_at = last_to;
        continue;
      }
      std::memmove(arena_.data() + write, arena_.data() + entry.value_at, entry.value_size);
      last_from = entry.value_at;
      last_to = write;
      entry.value_at = write;
      write += entry.value_size;
    }
    arena_.resize(write);
    arena_.shrink_to_fit();
  }

  // Tables: what the entries still use, then what those traits use.
  std::vector<bool> used(traits_.size());
  std::vector<bool> texts(modified_texts_.size());
  for (const auto& entry : entries_) {
    used[entry.traits] = true;
    if (traits_[entry.traits].modified_text) texts[entry.modified] = true;
  }
  const auto trait_remap = traits_.keep(used);
  for (auto& entry : entries_) entry.traits = trait_remap[entry.traits];
  const auto text_remap = modified_texts_.keep(texts);
  for (auto& entry : entries_) {
    if (traits_[entry.traits].modified_text) entry.modified = text_remap[entry.modified];
  }
  std::vector<bool> owners(owners_.size()), tags(tag_sets_.size());
  for (const auto& shared : traits_.items()) {
    owners[shared.owner] = true;
    tags[shared.tags] = true;
  }
  const auto owner_remap = owners_.keep(owners);
  const auto tag_remap = tag_sets_.keep(tags);
  traits_.rewrite([&](EntryTraits& shared) {
    shared.owner = owner_remap[shared.owner];
    shared.tags = tag_remap[shared.tags];
  });
}

}  // namespace tcfeed::exports
