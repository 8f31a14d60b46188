#include "connectors/spamhaus/spamhaus_mapper.hpp"

#include <algorithm>

#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::spamhaus {
namespace {

using indicators::text::is_digit;
using indicators::text::istarts_with;
using indicators::text::trim;

bool all_digits(std::string_view text) {
  return !text.empty() && text.size() <= 10 && std::all_of(text.begin(), text.end(), is_digit);
}

// "AS64496" (the text form) or "64496" (the JSON form's number): normalization writes "ASN64496".
bool is_as_number(std::string_view text) {
  if (istarts_with(text, "AS")) text.remove_prefix(2);
  return all_digits(text);
}

}  // namespace

bool is_sbl_id(std::string_view text) {
  if (text.size() < 4 || text.size() > 15 || text.substr(0, 3) != "SBL") return false;
  text.remove_prefix(3);
  return std::all_of(text.begin(), text.end(), is_digit);
}

Verdict SpamhausMapper::map(const SpamhausRecord& record, pipeline::CandidateSink& sink) {
  const std::string_view cidr = trim(record.cidr);
  const std::string_view asn = trim(record.asn);
  candidate_.attributes.clear();
  if (!asn.empty() && cidr.empty() && is_as_number(asn)) {
    candidate_.type = indicators::IndicatorType::ASN;
    candidate_.value = asn;
  } else if (!cidr.empty() && asn.empty() && cidr.find('/') != std::string_view::npos) {
    candidate_.type = indicators::IndicatorType::CIDR;
    candidate_.value = cidr;
  } else {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return Verdict::Malformed;
  }
  // An id of another shape is left out rather than the entry: the network is the indicator, and
  // only a well-formed id may become part of an address.
  if (const std::string_view sbl = trim(record.sblid); is_sbl_id(sbl)) {
    source_.assign(kSblQuery);
    source_.append(sbl);
    candidate_.attributes.emplace_back("Source", source_);
  } else {
    candidate_.attributes.emplace_back("Source", kDropSource);
  }
  sink.accept(candidate_);
  return Verdict::Mapped;
}

}  // namespace tcfeed::connectors::spamhaus
