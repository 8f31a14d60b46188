#include "lib/pipeline/delivery/owner_check.hpp"

#include <stdexcept>

#include "lib/threatconnect/owners.hpp"

namespace tcfeed::pipeline {

void OwnerChecker::load(threatconnect::ApiClient& api) {
  owners_.clear();
  for (auto& owner : threatconnect::list_owners(api)) owners_.insert(std::move(owner.name));
  permissions_ = threatconnect::indicator_permissions(api);
}

void OwnerChecker::check(const std::string& owner) const {
  if (!owners_.contains(owner)) {
    throw std::runtime_error("owner '" + owner +
                             "' is not among the owners the API user can see (tcfeed owners lists them); "
                             "connector paused");
  }
  if (!permissions_) return;
  const auto found = permissions_->find(owner);
  // Only the values that plainly deny writing stop the connector; anything else is left to the
  // platform to judge per job.
  if (found != permissions_->end() && (found->second == "READ" || found->second == "NONE")) {
    throw std::runtime_error("the API user may not write indicators to owner '" + owner + "' (permIndicator " +
                             found->second + "); grant it in ThreatConnect");
  }
}

}  // namespace tcfeed::pipeline
