#pragma once
// A table of distinct values, each stored once and named by a small index (docs/exports.md,
// Performance): an export's entries share few owners, tag sets and score combinations, so an
// entry holds an index instead of its own copies.
#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace tcfeed::exports {

template <class T, class Hash = std::hash<T>>
class Interned {
 public:
  // The index of `value`, added when new.
  std::uint32_t intern(const T& value) {
    const auto found = index_.find(value);
    if (found != index_.end()) return found->second;
    if (items_.size() >= UINT32_MAX) throw std::length_error("interned table full");
    const auto at = static_cast<std::uint32_t>(items_.size());
    items_.push_back(value);
    index_.emplace(value, at);
    return at;
  }

  const T& operator[](std::uint32_t at) const { return items_[at]; }
  std::size_t size() const { return items_.size(); }
  const std::vector<T>& items() const { return items_; }

  // Rewrites every value with `change`, which must keep distinct values distinct (so the indices
  // stay what they were).
  template <class Change>
  void rewrite(Change change) {
    index_.clear();
    for (std::size_t i = 0; i < items_.size(); ++i) {
      change(items_[i]);
      index_.emplace(items_[i], static_cast<std::uint32_t>(i));
    }
  }

  // Keeps the values `used` marks, in their order; returns each old index's new one (unused:
  // UINT32_MAX).
  std::vector<std::uint32_t> keep(const std::vector<bool>& used) {
    std::vector<std::uint32_t> remap(items_.size(), UINT32_MAX);
    std::vector<T> kept;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (!used[i]) continue;
      remap[i] = static_cast<std::uint32_t>(kept.size());
      kept.push_back(std::move(items_[i]));
    }
    items_.clear();
    index_.clear();
    for (auto& value : kept) intern(value);
    return remap;
  }

 private:
  std::vector<T> items_;
  std::unordered_map<T, std::uint32_t, Hash> index_;
};

}  // namespace tcfeed::exports
