#include <cstdio>
#include <iostream>

#include "daemon/commands.hpp"
#include "daemon/type_names.hpp"
#include "lib/indicators/normalize.hpp"

namespace tcfeed::cli {
namespace {

// True when the value was rejected.
bool print_one(indicators::IndicatorType type, std::string_view value, std::string& out) {
  const auto reject = indicators::normalize(type, value, out);
  if (reject == indicators::Reject::None) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
    return false;
  }
  // The text, then the code the metrics and the audit file use (docs/reasons.md).
  std::printf("REJECT %.*s (%.*s)\n", static_cast<int>(indicators::reject_text(reject).size()),
              indicators::reject_text(reject).data(), static_cast<int>(indicators::reject_id(reject).size()),
              indicators::reject_id(reject).data());
  return true;
}

}  // namespace

int normalize(const std::string& type_name, const std::vector<std::string>& values) {
  const auto type = parse_type_any_case(type_name);
  if (!type) {
    std::fprintf(stderr, "tcfeed normalize: '%s' is not a standard indicator type; expected one of %s\n",
                 type_name.c_str(), std::string(indicators::all_type_names_joined()).c_str());
    return kExitUsage;
  }
  // Every value is printed either way; the exit code tells a script whether any was refused.
  bool rejected = false;
  std::string out;
  if (!values.empty()) {
    for (const auto& value : values) rejected = print_one(*type, value, out) || rejected;
    return rejected ? kExitRejected : kExitOk;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    rejected = print_one(*type, line, out) || rejected;
  }
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace tcfeed::cli
