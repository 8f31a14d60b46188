#include "tests/sandbox/owner_access.hpp"

namespace tcfeed::sandbox {

std::optional<Response> batch_access_problem(const Owner& owner, const OwnerNames& denied) {
  if (denied.contains(owner.name)) {
    return failure(403, "Access Denied: the API user has no access to owner \"" + owner.name + "\"");
  }
  if (owner.perm_indicator != "FULL") {
    return failure(401, "You do not have permission to create Indicators; the API user's role in owner \"" +
                            owner.name + "\" grants " + owner.perm_indicator + " on Indicators");
  }
  return std::nullopt;
}

std::string_view owner_role(const Owner& owner) {
  const bool organization = owner.type == "Organization";
  if (owner.perm_indicator == "FULL") return organization ? "Organization Administrator" : "Director";
  if (owner.perm_indicator == "READ") return organization ? "Read Only User" : "Subscriber";
  return organization ? "Read Only User" : "Banned";
}

}  // namespace tcfeed::sandbox
