#include "connectors/urlhaus/urlhaus_mapper.hpp"

#include "connectors/record_id.hpp"
#include "connectors/url_host_candidate.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

using indicators::text::is_digit;
using indicators::text::trim;

bool is_none(std::string_view value) { return value.empty() || value == "None"; }

}  // namespace

void split_tags(std::string_view field, std::vector<std::string_view>& out) {
  while (!field.empty()) {
    const auto comma = field.find(',');
    const std::string_view tag = trim(field.substr(0, comma));
    if (!is_none(tag)) out.push_back(tag);
    if (comma == std::string_view::npos) break;
    field.remove_prefix(comma + 1);
  }
}

std::optional<std::chrono::sys_seconds> parse_dateadded(std::string_view text) {
  text = trim(text);
  if (text.size() >= 4 && text.substr(text.size() - 4) == " UTC") text.remove_suffix(4);
  // YYYY-MM-DD HH:MM:SS
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (!is_digit(text[i])) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (month < 0 || day < 0 || !date.ok()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

MapResult UrlhausMapper::map(const UrlhausRecord& record, pipeline::CandidateSink& sink) {
  MapResult result;
  const auto id = parse_id(record.id);
  if (!id) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return result;
  }
  result.id = *id;
  if (*id <= options_.after_id) {
    sink.unmapped(pipeline::Unmapped::AlreadyRead);
    result.verdict = Verdict::Old;
    return result;
  }
  const std::string_view url = trim(record.url);
  if (!record.complete || url.empty()) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return result;
  }
  if (options_.not_before) {
    const auto added = parse_dateadded(record.dateadded);
    if (!added) {
      sink.unmapped(pipeline::Unmapped::Malformed);
      return result;
    }
    if (*added < *options_.not_before) {
      sink.unmapped(pipeline::Unmapped::BeforeBackfill);
      result.verdict = Verdict::Old;
      return result;
    }
  }
  if (!options_.include_offline && trim(record.url_status) == "offline") {
    sink.unmapped(pipeline::Unmapped::Offline);
    result.verdict = Verdict::Offline;
    return result;
  }

  candidate_.tags.clear();
  if (const auto threat = trim(record.threat); !is_none(threat)) candidate_.tags.push_back(threat);
  for (const auto tag : record.tags) {
    if (!is_none(trim(tag))) candidate_.tags.push_back(trim(tag));
  }
  candidate_.attributes.clear();
  if (const auto link = trim(record.link); !is_none(link)) candidate_.attributes.emplace_back("Source", link);
  candidate_.type = indicators::IndicatorType::URL;
  candidate_.value = url;
  sink.accept(candidate_);
  if (options_.host_as == HostAs::Host) {
    if (const auto host = url_host_candidate(url)) {
      candidate_.type = host->type;
      candidate_.value = host->value;
      candidate_.continues_record = true;
      sink.accept(candidate_);
      candidate_.continues_record = false;
    }
  }
  result.verdict = Verdict::Mapped;
  return result;
}

}  // namespace tcfeed::connectors::urlhaus
