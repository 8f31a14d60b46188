#include "lib/pipeline/stream/reasons.hpp"

#include "lib/pipeline/stream/policy.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::Reject;

// The normalizer's reasons no value gets any more (docs/reasons.md): no series is made for them.
bool retired(Reject reason) {
  return reason == Reject::None || reason == Reject::TypeOutOfRange || reason == Reject::HostHyphen;
}

}  // namespace

std::string_view rejected_text(std::string_view code) {
  if (code == kTooLargeForBatch) return "larger than batch.max_bytes on its own";
  if (const auto reason = indicators::reject_from_id(code)) return indicators::reject_text(*reason);
  return code;
}

std::string dropped_text(std::string_view code) {
  if (code == kBenign) return "the source calls it benign";
  if (code == Allowlist::kEntryReason) return "on an allowlist entry";
  if (code == Allowlist::kReservedReason) return "in a reserved IP range (allowlist.builtin)";
  constexpr std::string_view warninglist = "warninglist:";
  if (code.starts_with(warninglist)) return "on warninglist '" + std::string(code.substr(warninglist.size())) + "'";
  return std::string(code);
}

std::vector<std::string_view> rejected_codes() {
  std::vector<std::string_view> codes;
  for (const Reject reason : indicators::all_rejects()) {
    if (!retired(reason)) codes.push_back(indicators::reject_id(reason));
  }
  codes.push_back(kTooLargeForBatch);
  return codes;
}

// What clean_tag reports as a loss, besides a cut (counted apart, tcfeed_tags_cut_total).
std::vector<std::string_view> tag_dropped_codes() {
  return {indicators::reject_id(Reject::ControlCharacter), indicators::reject_id(Reject::InvalidUtf8)};
}

std::vector<std::string> dropped_codes(const Policy& policy) {
  std::vector<std::string> codes{std::string(kBenign), std::string(Allowlist::kEntryReason),
                                 std::string(Allowlist::kReservedReason)};
  for (const auto& list : policy.warninglists.lists()) {
    if (list.action == WarninglistAction::Drop) codes.push_back(list.reason);
  }
  return codes;
}

}  // namespace tcfeed::pipeline
