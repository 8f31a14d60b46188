#include "daemon/status_page.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "daemon/status_charts.hpp"
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
.degraded,.reload-failed{background:#fff1d6;color:#6b4300}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}
th,td{padding:.35em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
th{background:#f0f0f3;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}th.num{white-space:normal}
.wide{overflow-x:auto}
.when small{display:block;color:#777;font-size:.85em;white-space:nowrap}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;background:#eee;white-space:nowrap}
.badge.running{background:#e1ecfb;color:#174a8c}.badge.backing-off,.badge.warning{background:#fff1d6;color:#7a4d00}
.badge.failed,.badge.stopped{background:#fde8e8;color:#8a1c1c}.badge.ok{background:#e3f4e6;color:#145a22}
tr.error td{color:#8a1c1c;background:#fff7f7;font-size:.92em;word-break:break-word}
tr.warning td{color:#6b4300;background:#fffaf0;font-size:.92em;word-break:break-word}
.none{color:#777}footer{margin-top:2em;color:#777;font-size:.9em}
.charts{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0;padding:.5em .7em;background:#fff;box-shadow:0 1px 2px #0002}
figcaption{font-weight:600;margin-bottom:.3em}
.chart text{font-size:10px;fill:#555}.chart .axis{stroke:#bbb}
.bar.records{fill:#9aa5b1}.bar.queued{fill:#3b7dd8}.bar.rejected{fill:#c0392b}.failed-run{fill:#fde8e8}
.chart .area{fill:#3b7dd833}.chart .line{fill:none;stroke:#3b7dd8;stroke-width:1.5}.chart .dot{fill:#3b7dd8}
)css";

void append(std::string& out, std::string_view text) { out += text; }

// A time cell: the relative form to read at a glance, the exact UTC time under it.
std::string when(const std::optional<std::int64_t>& unix_seconds, std::int64_t now, std::string_view none = "never") {
  if (!unix_seconds) return fmt::format(R"(<td class="when"><span class="none">{}</span></td>)", none);
  const std::string utc = format_utc(*unix_seconds);
  return fmt::format(R"(<td class="when"><time datetime="{0}">{1}</time><small>{0}</small></td>)", utc,
                     format_relative(*unix_seconds, now));
}

std::string at(std::int64_t unix_seconds, std::int64_t now) {
  return fmt::format("{} ({})", format_utc(unix_seconds), format_relative(unix_seconds, now));
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
  else if (text == "removals withheld")
    kind = "warning";
  return fmt::format(R"(<span class="badge {}">{}</span>)", kind, html_escape(text));
}

std::size_t unhealthy(const StatusSnapshot& snapshot) {
  std::size_t count = 0;
  for (const auto& connector : snapshot.connectors) {
    if (!pipeline::connector_health(connector, snapshot.now_unix).empty()) ++count;
  }
  return count;
}

// What the banner and the title say: "ready", "degraded" or "not ready".
std::string_view readiness(const StatusSnapshot& snapshot) {
  if (!snapshot.ready) return "not ready";
  return snapshot.degraded.empty() ? "ready" : "degraded";
}

void list(std::string& out, const std::vector<std::string>& items) {
  if (items.empty()) return;
  append(out, "<ul>");
  for (const auto& item : items) appendf(out, "<li>{}</li>", html_escape(shorten(item, kMaxErrorBytes)));
  append(out, "</ul>");
}

void header(std::string& out, const StatusSnapshot& snapshot) {
  const std::int64_t now = snapshot.now_unix;
  const std::int64_t started =
      snapshot.process_started_unix != 0 ? snapshot.process_started_unix : snapshot.started_unix;
  appendf(out, "<h1>tcfeed</h1>\n<p class=\"meta\">version {} &middot; started {} &middot; ",
          html_escape(snapshot.version), at(started, now));
  if (!snapshot.last_reload) {
    append(out, "no reload since the start");
  } else {
    appendf(out, "last reload {}, {}", at(snapshot.last_reload->at_unix, now),
            snapshot.last_reload->error.empty() ? "applied" : "refused");
  }
  appendf(out, " &middot; as of {}</p>\n", format_utc(now));

  const std::string_view state = readiness(snapshot);
  if (state == "ready") {
    append(out, "<div class=\"banner ready\" id=\"readiness\" data-state=\"ready\">Ready</div>\n");
  } else if (state == "degraded") {
    // Ready, so /readyz answers 200; but a connector needs the operator's eye.
    append(out, "<div class=\"banner degraded\" id=\"readiness\" data-state=\"degraded\">Degraded: ");
    const char* separator = "";
    for (const auto& connector : snapshot.connectors) {
      if (pipeline::connector_health(connector, now).empty()) continue;
      appendf(out, "{}{}", separator, html_escape(connector.name));
      separator = ", ";
    }
    list(out, snapshot.degraded);
    append(out, "</div>\n");
  } else {
    append(out, "<div class=\"banner not-ready\" id=\"readiness\" data-state=\"not-ready\">Not ready");
    list(out, snapshot.problems);
    list(out, snapshot.degraded);
    append(out, "</div>\n");
  }
  if (snapshot.last_reload && !snapshot.last_reload->error.empty()) {
    appendf(out,
            "<div class=\"banner reload-failed\" id=\"reload\">The reload at {} was refused; the running configuration "
            "is kept.<ul><li>{}</li></ul></div>\n",
            format_utc(snapshot.last_reload->at_unix),
            html_escape(shorten(snapshot.last_reload->error, kMaxErrorBytes)));
  }
}

// The columns of the connectors table, each named for what it counts.
constexpr std::string_view kCountColumns =
    "<th class=\"num\" title=\"Records read from the source\">Records</th>"
    "<th class=\"num\" title=\"Records that yielded indicator candidates\">Mapped</th>"
    "<th class=\"num\" title=\"Records that could not be mapped: malformed, a field missing (tcfeed_unmapped_total by "
    "reason)\">"
    "Unmapped</th>"
    "<th class=\"num\" title=\"Records the configuration or the cursor left out: already read, older than backfill, "
    "filtered, offline (tcfeed_unmapped_total by reason)\">Skipped</th>"
    "<th class=\"num\" title=\"Indicators queued for delivery\">Queued</th>"
    "<th class=\"num\" title=\"Sent before and unchanged within delivery.refresh: not sent again\">Unchanged</th>"
    "<th class=\"num\" title=\"The same indicator again within this run\">Repeated in run</th>"
    "<th class=\"num\" title=\"Dropped by policy: benign, allowlist, reserved ranges\">Dropped by policy</th>"
    "<th class=\"num\" title=\"Values that failed normalization\">Rejected as invalid</th>"
    "<th class=\"num\" title=\"Indicators queued since the daemon started\">Queued since start</th>";
constexpr int kConnectorColumns = 18;

void connector_rows(std::string& out, const ConnectorStatus& connector, std::int64_t now) {
  appendf(out, "<tr class=\"connector\"><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td>",
          html_escape(connector.name), html_escape(connector.type), html_escape(connector.owner),
          badge(pipeline::connector_state_text(connector.state)));
  out += when(connector.last_run_unix, now);
  out += when(connector.next_run_unix, now, connector.state == pipeline::ConnectorState::Running ? "now" : "never");
  out += when(connector.last_success_unix, now);
  appendf(out, "<td>{}</td>",
          connector.last_outcome.empty() ? "<span class=\"none\">&mdash;</span>" : badge(connector.last_outcome));
  for (const std::uint64_t count :
       {connector.records, connector.mapped, connector.unmapped, connector.skipped, connector.indicators,
        connector.unchanged, connector.repeated, connector.dropped, connector.rejected, connector.queued_total}) {
    appendf(out, "<td class=\"num\">{}</td>", count);
  }
  append(out, "</tr>\n");
  if (!connector.last_error.empty()) {
    appendf(out, "<tr class=\"error\"><td colspan=\"{}\">Last error: {}</td></tr>\n", kConnectorColumns,
            html_escape(shorten(connector.last_error, kMaxErrorBytes)));
  }
  if (!connector.last_warning.empty()) {
    appendf(out,
            "<tr class=\"warning\"><td colspan=\"{}\">Removals withheld: {}. What the list has was queued; nothing "
            "was taken back, and the previous list stays the reference.</td></tr>\n",
            kConnectorColumns, html_escape(shorten(connector.last_warning, kMaxErrorBytes)));
  }
  if (const auto why = pipeline::connector_health(connector, now);
      !why.empty() && connector.last_error.empty() && connector.last_warning.empty()) {
    appendf(out, "<tr class=\"warning\"><td colspan=\"{}\">{}</td></tr>\n", kConnectorColumns,
            html_escape(shorten(why, kMaxErrorBytes)));
  }
}

void connectors(std::string& out, const StatusSnapshot& snapshot) {
  append(out, "<h2>Connectors</h2>\n");
  if (snapshot.connectors.empty()) {
    append(out, "<p class=\"none\">No connectors configured.</p>\n");
    return;
  }
  append(out,
         "<div class=\"wide\"><table "
         "id=\"connectors\">\n<thead><tr><th>Connector</th><th>Type</th><th>Owner</th><th>State</th>"
         "<th>Last run</th><th>Next run</th><th>Last success</th><th>Outcome</th>");
  append(out, kCountColumns);
  append(out, "</tr></thead>\n<tbody>\n");
  for (const auto& connector : snapshot.connectors) connector_rows(out, connector, snapshot.now_unix);
  append(out, "</tbody>\n</table></div>\n<p class=\"meta\">Counts are of the last run, except the last column.</p>\n");
  append(out, "<h3>Recent runs</h3>\n<div class=\"charts\">\n");
  for (std::size_t i = 0; i < snapshot.connectors.size(); ++i) {
    const auto& connector = snapshot.connectors[i];
    appendf(out, "<figure><figcaption>{}</figcaption>{}</figure>\n", html_escape(connector.name),
            runs_chart(connector.recent_runs, connector.name, fmt::format("c{}", i), snapshot.now_unix));
  }
  append(out, "</div>\n");
}

void owners(std::string& out, const StatusSnapshot& snapshot) {
  append(out, "<h2>Owners</h2>\n");
  if (snapshot.owners.empty()) {
    append(out, "<p class=\"none\">No owners yet.</p>\n");
    return;
  }
  append(out,
         "<table id=\"owners\">\n<thead><tr><th>Owner</th><th>Sending</th><th class=\"num\">Outbox batches</th>"
         "<th class=\"num\">Outbox indicators</th><th>Oldest pending</th><th class=\"num\">Delivered</th>"
         "<th class=\"num\">Rejected by the platform</th><th class=\"num\">Dead letters</th></tr></thead>\n<tbody>\n");
  for (const auto& owner : snapshot.owners) {
    const std::string sending = owner.stopped.empty()
                                    ? std::string(R"(<span class="badge ok">sending</span>)")
                                    : R"(<span class="badge stopped">stopped</span> )" + html_escape(owner.stopped);
    appendf(out,
            "<tr class=\"owner\"><td><strong>{}</strong></td><td>{}</td><td class=\"num\">{}</td><td "
            "class=\"num\">{}</td>",
            html_escape(owner.name), sending, owner.outbox_batches, owner.outbox_indicators);
    // An empty outbox has no oldest batch: "empty" is what is true, "never" was not.
    out += when(owner.oldest_pending_unix, snapshot.now_unix, "empty");
    appendf(out, "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            owner.delivered_total, owner.rejected_total, owner.dead_letters);
  }
  append(out, "</tbody>\n</table>\n");
  append(out, "<h3>Outbox over time</h3>\n<div class=\"charts\">\n");
  for (std::size_t i = 0; i < snapshot.owners.size(); ++i) {
    const auto& owner = snapshot.owners[i];
    appendf(out, "<figure><figcaption>{}</figcaption>{}</figure>\n", html_escape(owner.name),
            backlog_chart(owner.backlog_history, owner.name, fmt::format("o{}", i), snapshot.now_unix));
  }
  append(out, "</div>\n");
}

// "tcfeed — degraded (1 of 2 connectors)": the tab says it while the page is in the background.
std::string title(const StatusSnapshot& snapshot) {
  const std::string_view state = readiness(snapshot);
  if (state != "degraded") return fmt::format("tcfeed \u2014 {}", state);
  return fmt::format("tcfeed \u2014 degraded ({} of {} connectors)", unhealthy(snapshot), snapshot.connectors.size());
}

}  // namespace

std::string render_status_page(const StatusSnapshot& snapshot, std::string_view extra) {
  std::string out;
  out.reserve(8192 + 8192 * (snapshot.connectors.size() + snapshot.owners.size()));
  append(out,
         "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"refresh\" content=\"10\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  // The style sheet is exactly kStyle between the tags: its hash is in the page's CSP.
  appendf(out, "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", html_escape(title(snapshot)), kStyle);
  header(out, snapshot);
  connectors(out, snapshot);
  owners(out, snapshot);
  append(out, extra);
  append(out,
         "<footer>Refreshes every 10 s. Also: <a href=\"/metrics\">/metrics</a> &middot; "
         "<a href=\"/readyz\">/readyz</a> &middot; <a href=\"/livez\">/livez</a></footer>\n</body>\n</html>\n");
  return out;
}

const std::string& status_page_policy() {
  static const std::string policy = [] {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(kStyle.data(), kStyle.size(), digest.data(), &length, EVP_sha256(), nullptr);
    std::array<unsigned char, 4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1> base64{};
    const int written = EVP_EncodeBlock(base64.data(), digest.data(), static_cast<int>(length));
    const std::string hash(reinterpret_cast<const char*>(base64.data()), static_cast<std::size_t>(written));
    return "default-src 'none'; style-src 'sha256-" + hash +
           "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }();
  return policy;
}

}  // namespace tcfeed::daemon
