#pragma once
// A MISP warninglist file (docs/architecture.md, Warninglists): the JSON format MISP and its
// community publish lists of known-good values in — public resolvers, top domains, cloud ranges,
// common file hashes. Read whole (an operator's local file, not a feed) and checked, so a bad file
// is a config error at start.
#include <stdexcept>
#include <string>
#include <vector>

namespace tcfeed::pipeline {

class WarninglistError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

// How an entry matches (MISP's `type`).
enum class WarninglistKind {
  String,     // the value exactly
  Substring,  // the value contains the entry (ASCII case-insensitive)
  Hostname,   // the host (of a Host, URL or email address) is the entry or below it
  Cidr,       // the address is in the network (an entry may be one address)
};

struct MispWarninglist {
  std::string name;  // the list's own name, e.g. "List of known Google DNS resolvers"
  WarninglistKind kind = WarninglistKind::String;
  // MISP attribute types the list is meant for ("ip-dst", "domain", "md5", ...); empty: any.
  std::vector<std::string> matching_attributes;
  std::vector<std::string> entries;
};

// Throws WarninglistError("PATH: what was expected") when the file cannot be read, is not JSON, or
// lacks `name` or `list`, or its `type` is one tcfeed does not match ("regex": MISP's regular
// expressions are PCRE, and a list tcfeed would apply differently is worse than none).
MispWarninglist read_misp_warninglist(const std::string& path);

// The list's short name for counts, metrics, tags and `tag_only`: MISP keeps each list as
// lists/<short-name>/list.json, so a file named list.json is named by its folder, any other file
// by its name without the extension.
std::string warninglist_id(const std::string& path);

}  // namespace tcfeed::pipeline
