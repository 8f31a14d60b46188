#include "daemon/status_page.hpp"

#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "daemon/status_format.hpp"

namespace tcfeed::daemon {
namespace {

using pipeline::ConnectorStatus;
using pipeline::OwnerStatus;
using pipeline::StatusSnapshot;

constexpr std::size_t kMaxErrorBytes = 600;

constexpr std::string_view kStyle = R"css(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .5em}
.meta{color:#555;margin:0 0 .8em}
.banner{padding:.6em .9em;border-radius:6px;margin:.5em 0;font-weight:600}
.banner ul{margin:.3em 0 0;font-weight:400}
.ready{background:#e3f4e6;color:#145a22}.not-ready{background:#fde8e8;color:#8a1c1c}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}
th,td{padding:.35em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
th{background:#f0f0f3;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.when small{display:block;color:#777;font-size:.85em;white-space:nowrap}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;background:#eee;white-space:nowrap}
.badge.running{background:#e1ecfb;color:#174a8c}.badge.backing-off{background:#fff1d6;color:#7a4d00}
.badge.failed,.badge.stopped{background:#fde8e8;color:#8a1c1c}.badge.ok{background:#e3f4e6;color:#145a22}
tr.error td{color:#8a1c1c;background:#fff7f7;font-size:.92em;word-break:break-word}
.none{color:#777}footer{margin-top:2em;color:#777;font-size:.9em}
)css";

void append(std::string& out, std::string_view text) { out += text; }

template <typename... Args>
void appendf(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// A time cell: the relative form to read at a glance, the exact UTC time under it.
std::string when(const std::optional<std::int64_t>& unix_seconds, std::int64_t now) {
  if (!unix_seconds) return R"(<td class="when"><span class="none">never</span></td>)";
  const std::string utc = format_utc(*unix_seconds);
  return fmt::format(R"(<td class="when"><time datetime="{0}">{1}</time><small>{0}</small></td>)", utc,
                     format_relative(*unix_seconds, now));
}

// The badge's class comes from a fixed list, never from the text it shows.
std::string badge(std::string_view text) {
  std::string_view kind = "";
  if (text == "running")
    kind = "running";
  else if (text == "backing off")
    kind = "backing-off";
  else if (text == "failed")
    kind = "failed";
  else if (text == "ok" || text == "not modified")
    kind = "ok";
  return fmt::format(R"(<span class="badge {}">{}</span>)", kind, html_escape(text));
}

void header(std::string& out, const StatusSnapshot& snapshot) {
  appendf(out, "<h1>tcfeed</h1>\n<p class=\"meta\">version {} &middot; started {} ({}) &middot; as of {}</p>\n",
          html_escape(snapshot.version), format_utc(snapshot.started_unix),
          format_relative(snapshot.started_unix, snapshot.now_unix), format_utc(snapshot.now_unix));
  if (snapshot.ready) {
    append(out, "<div class=\"banner ready\">Ready</div>\n");
  } else {
    append(out, "<div class=\"banner not-ready\">Not ready");
    if (!snapshot.problems.empty()) {
      append(out, "<ul>");
      for (const auto& problem : snapshot.problems) appendf(out, "<li>{}</li>", html_escape(problem));
      append(out, "</ul>");
    }
    append(out, "</div>\n");
  }
}

void connector_rows(std::string& out, const ConnectorStatus& connector, std::int64_t now) {
  appendf(out, "<tr><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td>", html_escape(connector.name),
          html_escape(connector.type), html_escape(connector.owner),
          badge(pipeline::connector_state_text(connector.state)));
  out += when(connector.last_run_unix, now);
  out += when(connector.next_run_unix, now);
  out += when(connector.last_success_unix, now);
  appendf(out, "<td>{}</td>",
          connector.last_outcome.empty() ? "<span class=\"none\">&mdash;</span>" : badge(connector.last_outcome));
  for (const std::uint64_t count : {connector.records, connector.indicators, connector.dropped, connector.rejected,
                                    connector.duplicates, connector.queued_total}) {
    appendf(out, "<td class=\"num\">{}</td>", count);
  }
  append(out, "</tr>\n");
  if (!connector.last_error.empty()) {
    appendf(out, "<tr class=\"error\"><td colspan=\"14\">Last error: {}</td></tr>\n",
            html_escape(shorten(connector.last_error, kMaxErrorBytes)));
  }
}

void connectors(std::string& out, const StatusSnapshot& snapshot) {
  append(out, "<h2>Connectors</h2>\n");
  if (snapshot.connectors.empty()) {
    append(out, "<p class=\"none\">No connectors configured.</p>\n");
    return;
  }
  append(out,
         "<table>\n<thead><tr><th>Connector</th><th>Type</th><th>Owner</th><th>State</th><th>Last run</th>"
         "<th>Next run</th><th>Last success</th><th>Outcome</th><th class=\"num\">Records</th>"
         "<th class=\"num\">Indicators</th><th class=\"num\">Dropped</th><th class=\"num\">Rejected</th>"
         "<th class=\"num\">Duplicates</th><th class=\"num\">Queued since start</th></tr></thead>\n<tbody>\n");
  for (const auto& connector : snapshot.connectors) connector_rows(out, connector, snapshot.now_unix);
  append(out, "</tbody>\n</table>\n<p class=\"meta\">Counts are of the last run, except the last column.</p>\n");
}

void owners(std::string& out, const StatusSnapshot& snapshot) {
  append(out, "<h2>Owners</h2>\n");
  if (snapshot.owners.empty()) {
    append(out, "<p class=\"none\">No owners yet.</p>\n");
    return;
  }
  append(out,
         "<table>\n<thead><tr><th>Owner</th><th>Sending</th><th class=\"num\">Outbox batches</th>"
         "<th class=\"num\">Outbox indicators</th><th>Oldest pending</th><th class=\"num\">Delivered</th>"
         "<th class=\"num\">Rejected</th><th class=\"num\">Dead letters</th></tr></thead>\n<tbody>\n");
  for (const auto& owner : snapshot.owners) {
    const std::string sending = owner.stopped.empty()
                                    ? std::string(R"(<span class="badge ok">sending</span>)")
                                    : R"(<span class="badge stopped">stopped</span> )" + html_escape(owner.stopped);
    appendf(out, "<tr><td><strong>{}</strong></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            html_escape(owner.name), sending, owner.outbox_batches, owner.outbox_indicators);
    out += when(owner.oldest_pending_unix, snapshot.now_unix);
    appendf(out, "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            owner.delivered_total, owner.rejected_total, owner.dead_letters);
  }
  append(out, "</tbody>\n</table>\n");
}

}  // namespace

std::string render_status_page(const StatusSnapshot& snapshot) {
  std::string out;
  out.reserve(4096 + 1024 * (snapshot.connectors.size() + snapshot.owners.size()));
  append(out,
         "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"refresh\" content=\"10\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  appendf(out, "<title>tcfeed \u2014 {}</title>\n<style>{}</style>\n</head>\n<body>\n",
          snapshot.ready ? "ready" : "not ready", kStyle);
  header(out, snapshot);
  connectors(out, snapshot);
  owners(out, snapshot);
  append(out,
         "<footer>Refreshes every 10 s. Also: <a href=\"/metrics\">/metrics</a> &middot; "
         "<a href=\"/readyz\">/readyz</a> &middot; <a href=\"/livez\">/livez</a></footer>\n</body>\n</html>\n");
  return out;
}

}  // namespace tcfeed::daemon
