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
  // What is wrong with `owner` and how to fix it (the nearest owner name for one not found), or
  // nullopt. `check` throws it as std::runtime_error; `tcfeed check-config` prints it.
  std::optional<std::string> problem(const std::string& owner) const;
  void check(const std::string& owner) const;
  // For reading only (an export's owners, docs/exports.md): the owner exists and the API user's
  // indicator permission there is not NONE.
  std::optional<std::string> read_problem(const std::string& owner) const;
  std::size_t owner_count() const { return owners_.size(); }

 private:
  std::set<std::string, std::less<>> owners_;
  std::optional<std::map<std::string, std::string, std::less<>>> permissions_;
};

}  // namespace tcfeed::pipeline
