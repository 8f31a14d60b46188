// The status page: everything from config or the network is escaped, and what an operator looks
// for (each connector's runs, counts and error; each owner's backlog) is on it.
#include "daemon/status_page.hpp"

#include <cstdint>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/status_charts.hpp"
#include "daemon/status_endpoints.hpp"
#include "daemon/status_format.hpp"

namespace tcfeed::daemon {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::int64_t kNow = 1714564800;  // 2024-05-01T12:00:00Z

pipeline::StatusSnapshot sample_snapshot() {
  pipeline::StatusSnapshot snapshot;
  snapshot.version = "0.1.0";
  snapshot.started_unix = kNow - 7260;
  snapshot.now_unix = kNow;
  snapshot.ready = false;
  snapshot.problems = {"owner <b>Acme</b> stopped: HTTP 401 \"signature\" & more"};

  pipeline::ConnectorStatus urlhaus;
  urlhaus.name = "urlhaus-<script>alert(1)</script>";
  urlhaus.type = "urlhaus";
  urlhaus.owner = "Acme & \"Friends\"";
  urlhaus.state = pipeline::ConnectorState::BackingOff;
  urlhaus.last_run_unix = kNow - 180;
  urlhaus.next_run_unix = kNow + 250;
  urlhaus.last_success_unix = kNow - 90061;
  urlhaus.last_outcome = "failed";
  urlhaus.last_error = "TLS handshake with urlhaus.abuse.ch:443 failed: <img src=x onerror=alert(1)>";
  urlhaus.records = 48213;
  urlhaus.mapped = 47900;
  urlhaus.unmapped = 13;
  urlhaus.skipped = 300;
  urlhaus.indicators = 47001;
  urlhaus.dropped = 911;
  urlhaus.rejected = 37;
  urlhaus.repeated = 264;
  urlhaus.unchanged = 4521;
  urlhaus.queued_total = 1234567;

  pipeline::ConnectorStatus feodo;
  feodo.name = "feodo";
  feodo.type = "feodo";
  feodo.owner = "Acme";
  feodo.state = pipeline::ConnectorState::Idle;
  feodo.next_run_unix = kNow + 60;
  snapshot.connectors = {urlhaus, feodo};

  pipeline::OwnerStatus owner;
  owner.name = "Acme & \"Friends\"";
  owner.outbox_batches = 3;
  owner.outbox_indicators = 14999;
  owner.oldest_pending_unix = kNow - 3725;
  owner.delivered_total = 880001;
  owner.rejected_total = 12;
  owner.dead_letters = 5;
  owner.stopped = "403 <forbidden>";
  snapshot.owners = {owner};
  return snapshot;
}

TEST(StatusPage, EscapesEveryStringFromConfigAndNetwork) {
  const std::string page = render_status_page(sample_snapshot());
  EXPECT_THAT(page, Not(HasSubstr("<script>")));
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, Not(HasSubstr("<b>Acme")));
  EXPECT_THAT(page, Not(HasSubstr("<forbidden>")));
  EXPECT_THAT(page, HasSubstr("urlhaus-&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page, HasSubstr("Acme &amp; &quot;Friends&quot;"));
  EXPECT_THAT(page, HasSubstr("owner &lt;b&gt;Acme&lt;/b&gt; stopped: HTTP 401 &quot;signature&quot; &amp; more"));
  EXPECT_THAT(page, HasSubstr("failed: &lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(page, HasSubstr("403 &lt;forbidden&gt;"));
}

TEST(StatusPage, ShowsEachConnectorsRunsCountsAndError) {
  const std::string page = render_status_page(sample_snapshot());
  // Last run 3 minutes ago, next in 4m 10s, last success a day and an hour ago: both forms.
  EXPECT_THAT(page,
              HasSubstr("<time datetime=\"2024-05-01T11:57:00Z\">3m ago</time><small>2024-05-01T11:57:00Z</small>"));
  EXPECT_THAT(page, HasSubstr(">in 4m 10s</time><small>2024-05-01T12:04:10Z</small>"));
  EXPECT_THAT(page, HasSubstr(">1d 1h ago</time><small>2024-04-30T10:58:59Z</small>"));
  for (const char* count : {">48213<", ">47001<", ">911<", ">37<", ">264<", ">4521<", ">1234567<"}) {
    EXPECT_THAT(page, HasSubstr(count)) << count;
  }
  EXPECT_THAT(page, HasSubstr("Last error: TLS handshake with urlhaus.abuse.ch:443 failed:"));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge backing-off\">backing off</span>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge failed\">failed</span>"));
  // The second connector never ran: said so rather than showing 1970.
  EXPECT_THAT(page, HasSubstr("<strong>feodo</strong>"));
  EXPECT_THAT(page, HasSubstr(">in 1m</time>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"none\">never</span>"));
  EXPECT_THAT(page, Not(HasSubstr("1970")));
}

TEST(StatusPage, ShowsOwnersBacklogAndReadiness) {
  const std::string page = render_status_page(sample_snapshot());
  for (const char* count : {">14999<", ">880001<", ">12<", ">5<"}) EXPECT_THAT(page, HasSubstr(count)) << count;
  EXPECT_THAT(page, HasSubstr(">1h 2m ago</time>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge stopped\">stopped</span>"));
  EXPECT_THAT(page,
              HasSubstr("<div class=\"banner not-ready\" id=\"readiness\" data-state=\"not-ready\">Not ready<ul><li>"));
  EXPECT_THAT(page, HasSubstr("started 2024-05-01T09:59:00Z (2h 1m ago)"));

  pipeline::StatusSnapshot ready = sample_snapshot();
  ready.ready = true;
  ready.problems.clear();
  EXPECT_THAT(render_status_page(ready),
              HasSubstr("<div class=\"banner ready\" id=\"readiness\" data-state=\"ready\">Ready</div>"));
}

TEST(StatusPage, IsSelfContainedAndRefreshesItself) {
  const std::string page = render_status_page(sample_snapshot());
  EXPECT_THAT(page, HasSubstr("<meta http-equiv=\"refresh\" content=\"10\">"));
  EXPECT_THAT(page, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(page, HasSubstr("<style>"));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr("src=\"")));
  EXPECT_THAT(page, Not(HasSubstr("http://")));
  EXPECT_THAT(page, Not(HasSubstr("https://")));
}

TEST(StatusPage, SaysWhenThereIsNothingToShow) {
  pipeline::StatusSnapshot empty;
  empty.version = "0.1.0";
  empty.ready = true;
  const std::string page = render_status_page(empty);
  EXPECT_THAT(page, HasSubstr("No connectors configured."));
  EXPECT_THAT(page, HasSubstr("No owners yet."));
}

TEST(StatusPage, LongErrorsAreShortenedOnACharacterBoundary) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.connectors[0].last_error = std::string(599, 'x') + "\xc3\xa9" + std::string(500, 'y');
  const std::string page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("Last error: " + std::string(599, 'x') + "\u2026</td>"));
}

// issue 14: the page tells the truth. Each of these showed something else before.
TEST(StatusPage, NamesTheCountColumnsForWhatTheyCount) {
  const std::string page = render_status_page(sample_snapshot());
  EXPECT_THAT(page, Not(HasSubstr(">Duplicates<")));
  EXPECT_THAT(page, HasSubstr(">Unchanged</th>"));
  EXPECT_THAT(page, HasSubstr(">Repeated in run</th>"));
  EXPECT_THAT(page, HasSubstr(">Dropped by policy</th>"));
  EXPECT_THAT(page, HasSubstr(">Rejected as invalid</th>"));
  // Unchanged (4521) and repeated (264) each in its own cell, in the order of the columns.
  EXPECT_THAT(page, HasSubstr("<td class=\"num\">47001</td><td class=\"num\">4521</td><td class=\"num\">264</td>"));
}

// What became of the records (issue 14): every record read is mapped, unmapped or skipped, and the
// page shows the three beside the records read, so the row adds up.
TEST(StatusPage, ShowsTheRecordsMappedUnmappedAndSkipped) {
  const std::string page = render_status_page(sample_snapshot());
  EXPECT_THAT(
      page,
      HasSubstr(">Records</th><th class=\"num\" title=\"Records that yielded indicator candidates\">Mapped</th>"));
  EXPECT_THAT(page, HasSubstr(">Unmapped</th>"));
  EXPECT_THAT(page, HasSubstr(">Skipped</th>"));
  EXPECT_THAT(page, HasSubstr("<td class=\"num\">48213</td><td class=\"num\">47900</td><td class=\"num\">13</td>"
                              "<td class=\"num\">300</td><td class=\"num\">47001</td>"));
  // The error row still spans the whole table.
  EXPECT_THAT(page, HasSubstr("<tr class=\"error\"><td colspan=\"18\">"));
}

TEST(StatusPage, AnEmptyOutboxSaysEmptyNotNever) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.owners[0].oldest_pending_unix.reset();
  snapshot.owners[0].outbox_batches = snapshot.owners[0].outbox_indicators = 0;
  const std::string page = render_status_page(snapshot);
  const auto owners = page.substr(page.find("<table id=\"owners\">"));
  EXPECT_THAT(owners, HasSubstr("<td class=\"when\"><span class=\"none\">empty</span></td>"));
  EXPECT_THAT(owners, Not(HasSubstr("never")));
}

TEST(StatusPage, AWithheldRemovalIsItsOwnOutcome) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  auto& feodo = snapshot.connectors[1];
  feodo.last_outcome = "removals withheld";
  feodo.last_warning = "40 of the 100 entries of the previous list are gone, more than removed_guard";
  const std::string page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("<span class=\"badge warning\">removals withheld</span>"));
  EXPECT_THAT(page, HasSubstr("Removals withheld: 40 of the 100 entries"));
}

TEST(StatusPage, ShowsTheStartAndTheLastReloadApart) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.process_started_unix = kNow - 86400;
  snapshot.started_unix = kNow - 60;  // the running configuration, since the reload
  EXPECT_THAT(render_status_page(snapshot), HasSubstr("no reload since the start"));
  snapshot.last_reload = pipeline::ReloadStatus{kNow - 60, ""};
  std::string page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("started 2024-04-30T12:00:00Z (1d ago)"));
  EXPECT_THAT(page, HasSubstr("last reload 2024-05-01T11:59:00Z (1m ago), applied"));
  EXPECT_THAT(page, Not(HasSubstr("id=\"reload\"")));

  snapshot.last_reload = pipeline::ReloadStatus{kNow - 30, "/etc/tcfeed/tcfeed.yaml:12: connectors[0].every: <bad>"};
  page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("last reload 2024-05-01T11:59:30Z (30s ago), refused"));
  EXPECT_THAT(page, HasSubstr("<div class=\"banner reload-failed\" id=\"reload\">The reload at 2024-05-01T11:59:30Z "
                              "was refused; the running configuration is kept.<ul><li>/etc/tcfeed/tcfeed.yaml:12: "
                              "connectors[0].every: &lt;bad&gt;</li></ul></div>"));
}

TEST(StatusPage, DegradedIsAmberAndNamesTheConnectors) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.ready = true;
  snapshot.problems.clear();
  snapshot.degraded = {"urlhaus-<script>alert(1)</script>: the last poll failed: TLS"};
  const std::string page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("<div class=\"banner degraded\" id=\"readiness\" data-state=\"degraded\">Degraded: "
                              "urlhaus-&lt;script&gt;alert(1)&lt;/script&gt;<ul><li>"));
  EXPECT_THAT(page, HasSubstr("<title>tcfeed \u2014 degraded (1 of 2 connectors)</title>"));
  EXPECT_THAT(page, Not(HasSubstr("banner ready")));
}

TEST(StatusPage, DrawsRecentRunsAndBacklogAsAccessibleInlineSvg) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.connectors[0].recent_runs = {
      {kNow - 600, 100, 90, 3, false}, {kNow - 300, 0, 0, 0, true}, {kNow - 180, 48213, 47001, 37, false}};
  snapshot.owners[0].backlog_history = {{kNow - 20, 0, 0}, {kNow - 10, 20000, 4}, {kNow, 14999, 3}};
  const std::string page = render_status_page(snapshot);
  EXPECT_THAT(page, HasSubstr("<svg class=\"chart\" role=\"img\" aria-labelledby=\"c0-t c0-d\""));
  EXPECT_THAT(page,
              HasSubstr("<title id=\"c0-t\">Recent runs of urlhaus-&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  EXPECT_THAT(page, HasSubstr("<desc id=\"c0-d\">3 runs; the last one, 3m ago: 48,213 records, 47,001 indicators "
                              "queued, 37 rejected.</desc>"));
  EXPECT_THAT(page, HasSubstr("<title>2024-05-01T11:57:00Z \u2014 records read: 48,213</title>"));
  EXPECT_THAT(page, HasSubstr("<title>2024-05-01T11:55:00Z: failed</title>"));
  EXPECT_THAT(page, HasSubstr(">max 47,001</text>"));
  // The connector that never ran says so instead of an empty frame.
  EXPECT_THAT(page, HasSubstr("<figure><figcaption>feodo</figcaption><p class=\"none\">No runs yet.</p></figure>"));
  EXPECT_THAT(page, HasSubstr("<title id=\"o0-t\">Outbox of Acme &amp; &quot;Friends&quot; over time</title>"));
  EXPECT_THAT(page, HasSubstr("<desc id=\"o0-d\">14,999 indicators in 3 batches waiting now; at most 20,000 since "
                              "20s ago.</desc>"));
  // The highest sample touches the top of the plot, the first (0) lies on its base.
  EXPECT_THAT(page, HasSubstr("<polyline class=\"line\" points=\"2.0,70.0 165.0,14.0 328.0,28.0\"/>"));
  // Inline SVG only: nothing a strict CSP would refuse.
  EXPECT_THAT(page, Not(HasSubstr("style=")));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<image")));
}

TEST(StatusPage, ABarForEveryValueAboveZero) {
  // 1 out of a million is still drawn (1 px), so a run with one rejection does not look clean.
  const std::string chart =
      runs_chart({{kNow - 60, 1'000'000, 1'000'000, 1, false}, {kNow, 1, 1, 0, false}}, "x", "c0", kNow);
  EXPECT_THAT(chart, HasSubstr("height=\"1.0\"><title>2024-05-01T12:00:00Z \u2014 records read: 1</title>"));
  EXPECT_THAT(chart, HasSubstr("height=\"18.0\"><title>2024-05-01T11:59:00Z \u2014 rejected as invalid: 1</title>"));
  EXPECT_THAT(chart, HasSubstr("height=\"0.0\"><title>2024-05-01T12:00:00Z \u2014 rejected as invalid: 0</title>"));
}

TEST(StatusPage, ThePolicyNamesTheStyleSheetByItsHash) {
  const std::string& policy = status_page_policy();
  EXPECT_THAT(policy, StartsWith("default-src 'none'; style-src 'sha256-"));
  EXPECT_THAT(policy, Not(HasSubstr("unsafe")));
  EXPECT_THAT(policy, HasSubstr("frame-ancestors 'none'"));
}

TEST(Readyz, ReadyDegradedAndNotReady) {
  pipeline::StatusSnapshot snapshot = sample_snapshot();
  snapshot.ready = true;
  snapshot.problems.clear();
  snapshot.connectors[0].last_outcome = "ok";
  snapshot.connectors[0].last_error.clear();
  EXPECT_EQ(readyz_body(snapshot), "ready\n");

  snapshot.connectors[1].last_outcome = "failed";
  snapshot.connectors[1].last_error = "file://x: no such file";
  snapshot.degraded = {"feodo: the last poll failed: file://x: no such file"};
  EXPECT_EQ(readyz_body(snapshot), "degraded: feodo\nfeodo: the last poll failed: file://x: no such file\n");

  snapshot.ready = false;
  snapshot.problems = {"ThreatConnect: refused\nforged line"};
  EXPECT_EQ(readyz_body(snapshot),
            "ThreatConnect: refused\\nforged line\nfeodo: the last poll failed: file://x: no such file\n");
}

TEST(StatusFormat, Separators) {
  EXPECT_EQ(with_separators(0), "0");
  EXPECT_EQ(with_separators(999), "999");
  EXPECT_EQ(with_separators(1000), "1,000");
  EXPECT_EQ(with_separators(1234567), "1,234,567");
}

TEST(StatusFormat, RelativeTimes) {
  EXPECT_EQ(format_relative(kNow, kNow), "now");
  EXPECT_EQ(format_relative(kNow + 250, kNow), "in 4m 10s");
  EXPECT_EQ(format_relative(kNow - 180, kNow), "3m ago");
  EXPECT_EQ(format_relative(kNow - 59, kNow), "59s ago");
  EXPECT_EQ(format_relative(kNow + 3605, kNow), "in 1h");  // seconds after an empty minute are noise
  EXPECT_EQ(format_relative(kNow - 2 * 86400 - 5 * 3600 - 7, kNow), "2d 5h ago");
  EXPECT_THAT(format_relative(INT64_MIN, INT64_MAX), EndsWith("h ago"));  // no overflow
  EXPECT_THAT(format_relative(INT64_MAX, INT64_MIN), StartsWith("in "));
}

TEST(StatusFormat, UtcAndEscaping) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(kNow), "2024-05-01T12:00:00Z");
  EXPECT_EQ(html_escape("<a href='x'>\"&amp;\"</a>"), "&lt;a href=&#39;x&#39;&gt;&quot;&amp;amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(shorten("short", 10), "short");
  EXPECT_EQ(shorten("\xc3\xa9\xc3\xa9", 3), "\xc3\xa9\u2026");
}

}  // namespace
}  // namespace tcfeed::daemon
