#include "lib/pipeline/delivery/owner_check.hpp"

#include <stdexcept>
#include <vector>

#include "lib/core/nearest_name.hpp"

#include "lib/threatconnect/owners.hpp"

namespace tcfeed::pipeline {

void OwnerChecker::load(threatconnect::ApiClient& api) {
  owners_.clear();
  for (auto& owner : threatconnect::list_owners(api)) owners_.insert(std::move(owner.name));
  permissions_ = threatconnect::indicator_permissions(api);
}

std::optional<std::string> OwnerChecker::problem(const std::string& owner) const {
  if (!owners_.contains(owner)) {
    const std::vector<std::string> names(owners_.begin(), owners_.end());
    return "owner '" + owner + "' is not among the owners the API user can see" + did_you_mean(owner, names) +
           " (tcfeed owners lists them)";
  }
  if (!permissions_) return std::nullopt;
  const auto found = permissions_->find(owner);
  // Only the values that plainly deny writing stop the connector; anything else is left to the
  // platform to judge per job.
  if (found != permissions_->end() && (found->second == "READ" || found->second == "NONE")) {
    return "the API user may not write indicators to owner '" + owner + "' (permIndicator " + found->second +
           "); grant it in ThreatConnect";
  }
  return std::nullopt;
}

std::optional<std::string> OwnerChecker::read_problem(const std::string& owner) const {
  if (!owners_.contains(owner)) return problem(owner);
  if (!permissions_) return std::nullopt;
  const auto found = permissions_->find(owner);
  if (found != permissions_->end() && found->second == "NONE") {
    return "the API user may not read indicators of owner '" + owner + "' (permIndicator NONE)";
  }
  return std::nullopt;
}

void OwnerChecker::check(const std::string& owner) const {
  if (auto why = problem(owner)) throw std::runtime_error(*why + "; connector paused");
}

}  // namespace tcfeed::pipeline
