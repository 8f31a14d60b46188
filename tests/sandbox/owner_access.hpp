#pragma once
// Who may run batch jobs (docs/threatconnect.md, Batch jobs, Owners): an owner denied at run time
// (--deny-owner, the control endpoint) answers 403 as an owner the API user cannot reach; an owner
// whose permIndicator is not FULL answers 401
// "You do not have permission to create Indicators; ...".
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

using OwnerNames = std::set<std::string, std::less<>>;

std::optional<Response> batch_access_problem(const Owner& owner, const OwnerNames& denied);

// The v3 ownerRole shown for an owner of this type and indicator permission.
std::string_view owner_role(const Owner& owner);

}  // namespace tcfeed::sandbox
