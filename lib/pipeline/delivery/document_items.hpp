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

// A document of `items`.
std::string make_document(std::span<const std::string> items);

// The `type` and `summary` of one item, for matching the platform's rejections to it.
struct ItemIdentity {
  std::string type;
  std::string summary;
  bool operator==(const ItemIdentity&) const = default;
};
// Empty fields when `item` is not an indicator object.
ItemIdentity item_identity(std::string_view item);

}  // namespace tcfeed::pipeline
