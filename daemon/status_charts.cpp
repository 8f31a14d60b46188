#include "daemon/status_charts.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "daemon/status_format.hpp"

namespace tcfeed::daemon {
namespace {

using telemetry::BacklogPoint;
using telemetry::RunPoint;
using telemetry::StatusHistory;

constexpr int kWidth = 330;

void open_svg(std::string& out, std::string_view id, int height, std::string_view title, std::string_view desc) {
  appendf(out,
          "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{0}-t {0}-d\" width=\"{1}\" height=\"{2}\" "
          "viewBox=\"0 0 {1} {2}\">"
          "<title id=\"{0}-t\">{3}</title><desc id=\"{0}-d\">{4}</desc>",
          id, kWidth, height, html_escape(title), html_escape(desc));
}

// The height of a bar for `value` out of `max` in `full` pixels: a value above 0 is always seen.
double bar_height(std::uint64_t value, std::uint64_t max, double full) {
  if (value == 0 || max == 0) return 0;
  return std::max(1.0, full * static_cast<double>(value) / static_cast<double>(max));
}

struct Strip {
  const char* label;
  const char* unit;  // in a bar's <title>: "<time> — records read: 12"
  const char* css;
  std::uint64_t RunPoint::*field;
};
constexpr Strip kStrips[] = {
    {"Records read", "records read", "records", &RunPoint::records},
    {"Indicators queued", "indicators queued", "queued", &RunPoint::indicators},
    {"Rejected as invalid", "rejected as invalid", "rejected", &RunPoint::rejected},
};
constexpr int kStripHeight = 34, kLabelHeight = 12, kBarHeight = 18;

}  // namespace

std::string runs_chart(const std::vector<RunPoint>& runs, std::string_view connector, std::string_view id,
                       std::int64_t now_unix) {
  if (runs.empty()) return "<p class=\"none\">No runs yet.</p>";
  const RunPoint& last = runs.back();
  const std::string desc =
      last.failed
          ? fmt::format("{} runs; the last one, {}, failed.", runs.size(), format_relative(last.at_unix, now_unix))
          : fmt::format("{} runs; the last one, {}: {} records, {} indicators queued, {} rejected.", runs.size(),
                        format_relative(last.at_unix, now_unix), with_separators(last.records),
                        with_separators(last.indicators), with_separators(last.rejected));
  constexpr int strips = static_cast<int>(std::size(kStrips));
  const int height = strips * kStripHeight + 14;
  std::string out;
  open_svg(out, id, height, "Recent runs of " + std::string(connector), desc);
  const double slot = static_cast<double>(kWidth) / static_cast<double>(StatusHistory::kRuns);
  // Newest at the right edge, so the same run keeps its place from one refresh to the next.
  const auto x_of = [&](std::size_t index) {
    return static_cast<double>(kWidth) - slot * static_cast<double>(runs.size() - index);
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].failed) continue;
    appendf(out,
            "<rect class=\"failed-run\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{}: failed</title>"
            "</rect>",
            x_of(i), kLabelHeight, slot - 1, strips * kStripHeight - kLabelHeight, format_utc(runs[i].at_unix));
  }
  int top = 0;
  for (const Strip& strip : kStrips) {
    std::uint64_t max = 0;
    for (const auto& run : runs) max = std::max(max, run.*strip.field);
    appendf(out, "<text class=\"label\" x=\"0\" y=\"{}\">{}</text>", top + 10, strip.label);
    appendf(out, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">max {}</text>", kWidth, top + 10,
            with_separators(max));
    const int base = top + kLabelHeight + kBarHeight;
    appendf(out, "<line class=\"axis\" x1=\"0\" y1=\"{0}.5\" x2=\"{1}\" y2=\"{0}.5\"/>", base, kWidth);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const std::uint64_t value = runs[i].*strip.field;
      const double h = bar_height(value, max, kBarHeight);
      appendf(
          out,
          "<rect class=\"bar {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{} \u2014 {}: {}"
          "</title></rect>",
          strip.css, x_of(i), base - h, slot - 2, h, format_utc(runs[i].at_unix), strip.unit, with_separators(value));
    }
    top += kStripHeight;
  }
  appendf(out, "<text class=\"label\" x=\"0\" y=\"{}\">{}</text>", height - 2,
          format_relative(runs.front().at_unix, now_unix));
  appendf(out, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">last run {}</text>", kWidth, height - 2,
          format_relative(last.at_unix, now_unix));
  out += "</svg>";
  return out;
}

std::string backlog_chart(const std::vector<BacklogPoint>& points, std::string_view owner, std::string_view id,
                          std::int64_t now_unix) {
  if (points.empty()) return "<p class=\"none\">No samples yet.</p>";
  std::uint64_t max = 0;
  for (const auto& point : points) max = std::max(max, point.indicators);
  const BacklogPoint& last = points.back();
  const std::string desc =
      fmt::format("{} indicators in {} batches waiting {}; at most {} since {}.", with_separators(last.indicators),
                  with_separators(last.batches), format_relative(last.at_unix, now_unix), with_separators(max),
                  format_relative(points.front().at_unix, now_unix));
  constexpr int top = 14, plot = 56, height = top + plot + 16;
  std::string out;
  open_svg(out, id, height, "Outbox of " + std::string(owner) + " over time", desc);
  appendf(out, "<text class=\"label\" x=\"0\" y=\"10\">Indicators waiting</text>");
  appendf(out, "<text class=\"label\" x=\"{}\" y=\"10\" text-anchor=\"end\">max {}</text>", kWidth,
          with_separators(max));
  const std::int64_t first = points.front().at_unix;
  const std::int64_t span = std::max<std::int64_t>(1, last.at_unix - first);
  const auto x_of = [&](std::int64_t at) {
    // One sample alone sits at the right edge, where "now" is.
    if (points.size() == 1) return static_cast<double>(kWidth) - 2;
    return 2 + (static_cast<double>(kWidth) - 4) * static_cast<double>(at - first) / static_cast<double>(span);
  };
  const auto y_of = [&](std::uint64_t value) { return top + plot - bar_height(value, max, plot); };
  std::string line;
  for (const auto& point : points) {
    appendf(line, "{}{:.1f},{:.1f}", line.empty() ? "" : " ", x_of(point.at_unix), y_of(point.indicators));
  }
  appendf(out, "<polygon class=\"area\" points=\"{:.1f},{} {} {:.1f},{}\"/>", x_of(first), top + plot, line,
          x_of(last.at_unix), top + plot);
  appendf(out, "<polyline class=\"line\" points=\"{}\"/>", line);
  appendf(out, "<line class=\"axis\" x1=\"0\" y1=\"{0}.5\" x2=\"{1}\" y2=\"{0}.5\"/>", top + plot, kWidth);
  appendf(out,
          "<circle class=\"dot\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\"><title>{}: {} indicators, {} batches</title>"
          "</circle>",
          x_of(last.at_unix), y_of(last.indicators), format_utc(last.at_unix), with_separators(last.indicators),
          with_separators(last.batches));
  appendf(out, "<text class=\"label\" x=\"0\" y=\"{}\">{}</text>", height - 2, format_relative(first, now_unix));
  appendf(out, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", kWidth, height - 2,
          format_relative(last.at_unix, now_unix));
  out += "</svg>";
  return out;
}

}  // namespace tcfeed::daemon
