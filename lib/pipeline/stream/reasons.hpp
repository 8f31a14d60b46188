#pragma once
// The reason codes of the stream's counts (docs/reasons.md): what a candidate was rejected or
// dropped for, and why a source tag was dropped. Counts, metric labels, the audit file and
// `tcfeed why` carry the code, a short stable word; the run log adds the text. The records'
// reasons (unmapped, skipped) are in lib/pipeline/connector/unmapped.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/reject.hpp"

namespace tcfeed::pipeline {

struct Policy;

// A value whose item alone is larger than batch.max_bytes: no upload document can carry it.
inline constexpr std::string_view kTooLargeForBatch = "too_large_for_batch";
// The source itself calls the record benign (Candidate::benign).
inline constexpr std::string_view kBenign = "benign";

// The code a rejected value is counted under: reject_id() of the normalizer's reason.
inline std::string_view rejected_code(indicators::Reject reason) { return indicators::reject_id(reason); }

// The text of a rejected code (a reject_id or kTooLargeForBatch); the code itself when unknown.
std::string_view rejected_text(std::string_view code);

// The text of a dropped code: "benign", "allowlist:entry", "allowlist:reserved-ip-ranges",
// "warninglist:<id>".
std::string dropped_text(std::string_view code);

// Every code each family can count, for the series exported at 0 before the first hit: the
// normalizer's reasons it still gives plus kTooLargeForBatch; the reasons tag cleaning drops a tag
// for; and the drops `policy` can make (benign, the allowlist's, each dropping warninglist's).
std::vector<std::string_view> rejected_codes();
std::vector<std::string_view> tag_dropped_codes();
std::vector<std::string> dropped_codes(const Policy& policy);

}  // namespace tcfeed::pipeline
