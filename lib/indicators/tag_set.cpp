#include "lib/indicators/tag_set.hpp"

#include "lib/indicators/tags.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {

std::string_view TagSet::operator[](std::size_t i) const {
  const Entry& entry = entries_[i];
  return entry.data != nullptr ? std::string_view(entry.data, entry.size)
                               : std::string_view(owned_).substr(entry.offset, entry.size);
}

bool TagSet::add(std::string_view raw, std::span<const std::string> stripped_names, Reject* loss) {
  const std::string_view tag = clean_tag(raw, scratch_, loss);
  if (tag.empty() || is_stripped_name(tag, stripped_names)) return false;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (text::iequals((*this)[i], tag)) return false;
  }
  if (tag.data() == scratch_.data()) {
    entries_.push_back({nullptr, owned_.size(), tag.size()});
    owned_.append(tag);
  } else {
    entries_.push_back({tag.data(), 0, tag.size()});
  }
  return true;
}

}  // namespace tcfeed::indicators
