#pragma once
// The items of an upload document tcfeed wrote (`{"indicator":[…]}`), as raw JSON text: what the
// sender needs to split a document the platform found too large, and to keep a rejected item
// exactly as it was sent for `tcfeed state requeue`.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::pipeline {

// The items of `document`, in order. Throws std::runtime_error when it is not such a document.
std::vector<std::string> document_items(std::string_view document);

// A document of `items`, with `groups` before them (docs/threatconnect.md, Groups) and
// `associations` after them (docs/threatconnect.md, Associations).
std::string make_document(std::span<const std::string> items, std::span<const std::string> groups = {},
                          std::span<const std::string> associations = {});

// The group items of `document`, in order; none when it has no `group` array.
std::vector<std::string> document_groups(std::string_view document);
// The association entries of `document`, in order; none when it has no `association` array.
std::vector<std::string> document_associations(std::string_view document);

// Of `groups`, those an item of `items` references by `associatedGroups` (a job must carry every
// group its indicators reference), plus, with `unreferenced`, those none of `document`'s items
// references (`all_items`): a group sent because it changed goes with one half of a split.
std::vector<std::string> groups_for(std::span<const std::string> items, std::span<const std::string> groups,
                                    std::span<const std::string> all_items, bool unreferenced);

// The `type` and `summary` of one item, for matching the platform's rejections to it.
struct ItemIdentity {
  std::string type;
  std::string summary;
  std::string group_name;    // a group item's name (it has no summary)
  std::string ref_1, ref_2;  // an association entry's ends (it has neither summary nor name)
  bool operator==(const ItemIdentity&) const = default;
  bool is_group() const { return summary.empty() && !group_name.empty(); }
  bool is_association() const { return summary.empty() && !ref_1.empty(); }
};
// Empty fields when `item` is not an indicator object.
ItemIdentity item_identity(std::string_view item);

}  // namespace tcfeed::pipeline
