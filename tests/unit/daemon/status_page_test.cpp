// The status page: everything from config or the network is escaped, and what an operator looks
// for (each connector's runs, counts and error; each owner's backlog) is on it.
#include "daemon/status_page.hpp"

#include <cstdint>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  urlhaus.indicators = 47001;
  urlhaus.dropped = 911;
  urlhaus.rejected = 37;
  urlhaus.duplicates = 264;
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
  for (const char* count : {">48213<", ">47001<", ">911<", ">37<", ">264<", ">1234567<"}) {
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
  EXPECT_THAT(page, HasSubstr("<div class=\"banner not-ready\">Not ready<ul><li>"));
  EXPECT_THAT(page, HasSubstr("started 2024-05-01T09:59:00Z (2h 1m ago)"));

  pipeline::StatusSnapshot ready = sample_snapshot();
  ready.ready = true;
  ready.problems.clear();
  EXPECT_THAT(render_status_page(ready), HasSubstr("<div class=\"banner ready\">Ready</div>"));
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
