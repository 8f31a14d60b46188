#pragma once
// docs/threatconnect.md, Owners: an owner must exist, and where the instance says so, the API user must be
// allowed to write indicators there — checked before anything is queued or sent for it.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::pipeline {

class OwnerChecker {
 public:
  // Reads the owners and, where the instance has them, the API user's permissions. Throws what
  // the client throws (StopError for refused credentials).
  void load(threatconnect::ApiClient& api);
  // Throws std::runtime_error saying what is wrong with `owner` and how to fix it.
  void check(const std::string& owner) const;

 private:
  std::set<std::string, std::less<>> owners_;
  std::optional<std::map<std::string, std::string, std::less<>>> permissions_;
};

}  // namespace tcfeed::pipeline
