#include "connectors/feodo/feodo_mapper.hpp"

#include <algorithm>

#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::feodo {
namespace {

using indicators::text::iequals;
using indicators::text::is_digit;
using indicators::text::trim;

bool is_none(std::string_view value) { return value.empty() || value == "None" || value == "null"; }

}  // namespace

Verdict FeodoMapper::map(const FeodoRecord& record, pipeline::CandidateSink& sink) {
  const std::string_view ip = trim(record.ip);
  const std::string_view port = trim(record.port);
  if (!record.complete || is_none(ip)) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return Verdict::Malformed;
  }
  const bool offline = iequals(trim(record.status), "offline");
  if (!options_.include_offline && offline) {
    sink.unmapped(pipeline::Unmapped::Offline);
    return Verdict::Offline;
  }
  // The list keeps a C2 for a while after it went quiet: still an indicator, but not a live one
  // (docs/feeds.md, Feodo Tracker). Online again, it is sent active again.
  candidate_.active = !offline;
  candidate_.type = indicators::IndicatorType::Address;
  candidate_.value = ip;
  candidate_.attributes.clear();
  // A port that is not 1–5 digits is left out rather than the whole entry: the
  // address is the indicator.
  if (!port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), is_digit)) {
    candidate_.attributes.emplace_back("Port", port);
  }
  // The list names no page per entry; the tracker's own address says where the indicator came from
  // (docs/feeds.md, Feodo Tracker).
  candidate_.attributes.emplace_back("Source", kFeodoSource);
  candidate_.tags.clear();
  if (const auto malware = trim(record.malware); !is_none(malware)) candidate_.tags.push_back(malware);
  sink.accept(candidate_);
  return Verdict::Mapped;
}

}  // namespace tcfeed::connectors::feodo
