#include "connectors/generic/generic_mapper.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "connectors/record_id.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::generic {

using indicators::text::trim;

void split_list(std::string_view field, std::vector<std::string_view>& out) {
  while (!field.empty()) {
    const auto comma = field.find(',');
    const std::string_view item = trim(field.substr(0, comma));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    field.remove_prefix(comma + 1);
  }
}

std::optional<int> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(number)) return std::nullopt;
  // Clamped to int here only so the conversion is defined; the 0–5 / 0–100 clamp is downstream's.
  constexpr double kLimit = std::numeric_limits<int>::max();
  return static_cast<int>(std::lround(std::fmax(-kLimit, std::fmin(kLimit, number))));
}

std::optional<indicators::IndicatorType> GenericMapper::type_of(std::string_view word) {
  if (options_.fixed_type) return options_.fixed_type;
  word = trim(word);
  for (const auto& entry : options_.type_map) {
    if (indicators::text::iequals(entry.word, word)) return entry.type;
  }
  if (const auto found = unmapped_words_.find(word); found != unmapped_words_.end()) {
    ++found->second;
  } else if (unmapped_words_.size() < kMaxWords) {
    unmapped_words_.emplace(std::string(word), 1);
  }
  return std::nullopt;
}

MapResult GenericMapper::map(const GenericRecord& record, pipeline::CandidateSink& sink) {
  MapResult result;
  if (options_.incremental) {
    const auto id = parse_id(record.id);
    if (!id) {
      sink.unmapped(pipeline::Unmapped::MissingId);
      return result;
    }
    result.id = *id;
    if (*id <= options_.after_id) {
      sink.unmapped(pipeline::Unmapped::AlreadyRead);
      result.verdict = Verdict::Old;
      return result;
    }
  }
  const std::string_view tested = trim(record.filter);
  const bool passes =
      options_.filter == FilterKind::None || (options_.filter == FilterKind::Equals && tested == options_.equals) ||
      (options_.filter == FilterKind::Matches && std::regex_search(tested.begin(), tested.end(), *options_.matches));
  if (!passes) {
    sink.unmapped(pipeline::Unmapped::Filtered);
    result.verdict = Verdict::Filtered;
    return result;
  }
  const std::string_view value = trim(record.value);
  if (value.empty()) {
    sink.unmapped(pipeline::Unmapped::MissingValue);
    return result;
  }
  const auto type = type_of(record.type);
  if (!type) {
    sink.unmapped(pipeline::Unmapped::UnmappedType);
    return result;
  }
  candidate_.type = *type;
  candidate_.value = value;
  candidate_.rating = parse_number(record.rating);
  candidate_.confidence = parse_number(record.confidence);
  candidate_.tags.clear();
  for (const auto tag : record.tags) {
    if (!trim(tag).empty()) candidate_.tags.push_back(trim(tag));
  }
  sink.accept(candidate_);
  result.verdict = Verdict::Mapped;
  return result;
}

}  // namespace tcfeed::connectors::generic
