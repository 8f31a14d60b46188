// libFuzzer target for the STIX pattern reader (connectors/taxii/stix_pattern.hpp): any bytes as a
// pattern, under small bounds so deep and long inputs reach them. Checks that nothing crashes, that
// an answer is either values or a Pattern* reason (never both, never neither), that an Address
// never carries a prefix and a CIDR always does, and that the values written back as a pattern of
// their own (escaped again) read back the same: the escapes are undone exactly once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "connectors/taxii/stix_pattern.hpp"

namespace {

using namespace tcfeed;
using indicators::IndicatorType;

std::string_view path_for(IndicatorType type) {
  switch (type) {
    case IndicatorType::Address:
    case IndicatorType::CIDR: return "ipv4-addr:value";
    case IndicatorType::Host: return "domain-name:value";
    case IndicatorType::URL: return "url:value";
    case IndicatorType::EmailAddress: return "email-addr:value";
    case IndicatorType::File: return "file:hashes.'SHA-256'";
    default: std::abort();
  }
}

bool is_pattern_reason(pipeline::Unmapped reason) {
  switch (reason) {
    case pipeline::Unmapped::PatternSyntax:
    case pipeline::Unmapped::PatternTooLarge:
    case pipeline::Unmapped::PatternAnd:
    case pipeline::Unmapped::PatternFollowedBy:
    case pipeline::Unmapped::PatternQualifier:
    case pipeline::Unmapped::PatternOperator:
    case pipeline::Unmapped::PatternObject:
    case pipeline::Unmapped::PatternLiteral: return true;
    default: return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  connectors::taxii::PatternLimits limits;
  limits.max_bytes = 4096;
  limits.max_depth = 16;
  limits.max_comparisons = 64;
  const auto read = connectors::taxii::read_stix_pattern(text, limits);
  if (read.unsupported) {
    if (!read.values.empty() || !is_pattern_reason(*read.unsupported)) std::abort();
    return 0;
  }
  if (read.values.empty()) std::abort();
  std::string again;
  for (const auto& value : read.values) {
    const bool slash = value.value.find('/') != std::string::npos;
    if (value.type == IndicatorType::Address && slash) std::abort();
    if (value.type == IndicatorType::CIDR && !slash) std::abort();
    if (!again.empty()) again += " OR ";
    again += "[";
    again += path_for(value.type);
    again += " = '";
    for (const char c : value.value) {
      if (c == '\'' || c == '\\') again += '\\';
      again += c;
    }
    again += "']";
  }
  connectors::taxii::PatternLimits roomy;
  roomy.max_bytes = again.size();
  const auto reread = connectors::taxii::read_stix_pattern(again, roomy);
  if (reread.unsupported || reread.values.size() != read.values.size()) std::abort();
  for (std::size_t i = 0; i < read.values.size(); ++i) {
    const auto type = read.values[i].type;
    if (reread.values[i].value != read.values[i].value) std::abort();
    // Written back under one path per type: ipv4-addr for both, so only the value decides.
    if (reread.values[i].type != type) std::abort();
  }
  return 0;
}
