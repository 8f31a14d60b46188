#include "daemon/exports_endpoint.hpp"

#include <fmt/format.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>

#include "daemon/status_format.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/net/backoff.hpp"

namespace tcfeed::daemon {
namespace {

constexpr std::string_view kPrefix = "/exports/";
constexpr const char* kRequests = "tcfeed_export_requests_total";
constexpr const char* kRequestsHelp = "Requests for an export's list, by HTTP status";
constexpr const char* kRefreshes = "tcfeed_export_refreshes_total";
constexpr const char* kRefreshesHelp =
    "Refreshes of an export by outcome: changed, unchanged, held_shrink, refused_empty, failed";
constexpr const char* kGauges[] = {"tcfeed_export_entries", "tcfeed_export_age_seconds", "tcfeed_export_cut_entries",
                                   "tcfeed_export_never_blocked_entries", "tcfeed_export_shrink_held"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

telemetry::Counter& requests(telemetry::Metrics& metrics, const std::string& name, int status) {
  return metrics.counter(kRequests, kRequestsHelp, {{"export", name}, {"status", std::to_string(status)}});
}

net::HttpReply plain(int status, std::string body) {
  net::HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

}  // namespace

bool authorized(const config::ExportAuth& auth, std::optional<std::string_view> authorization) {
  using Kind = config::ExportAuth::Kind;
  if (auth.kind == Kind::None) return true;
  if (!authorization) return false;
  const std::string_view scheme = auth.kind == Kind::Bearer ? "bearer " : "basic ";
  std::string_view given = trim(*authorization);
  if (given.size() <= scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(given[i])) != scheme[i]) return false;
  }
  given = trim(given.substr(scheme.size()));
  std::string expected;
  std::string presented;
  if (auth.kind == Kind::Bearer) {
    expected = std::string(auth.secret.reveal());
    presented = std::string(given);
  } else {
    expected = auth.user + ":" + std::string(auth.secret.reveal());
    if (given.size() % 4 != 0 || given.size() > 4096) return false;
    presented.resize(given.size() / 4 * 3);
    const int decoded =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(presented.data()),
                        reinterpret_cast<const unsigned char*>(given.data()), static_cast<int>(given.size()));
    if (decoded < 0) return false;
    std::size_t length = static_cast<std::size_t>(decoded);
    // EVP_DecodeBlock counts the padding as zero bytes.
    for (std::size_t i = given.size(); i > 0 && given[i - 1] == '=' && length > 0; --i) --length;
    presented.resize(length);
  }
  const bool same =
      presented.size() == expected.size() && CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
  OPENSSL_cleanse(expected.data(), expected.size());
  OPENSSL_cleanse(presented.data(), presented.size());
  return same;
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    std::string_view item = trim(accept_encoding.substr(0, comma));
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    std::string coding(trim(item.substr(0, semicolon)));
    for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));  // RFC 9110: any case
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    const std::string_view parameter = trim(item.substr(semicolon + 1));
    // q=0, q=0.0, q=0.000: refused; any other weight accepts.
    if (parameter.starts_with("q=") || parameter.starts_with("Q=")) {
      const std::string_view weight = parameter.substr(2);
      if (weight.find_first_not_of("0.") == std::string_view::npos) continue;
    }
    return true;
  }
  return false;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

void register_export_metrics(telemetry::Metrics& metrics, exports::ExportService& service) {
  for (const auto& status : service.statuses()) {
    const telemetry::Labels labels{{"export", status.name}};
    const exports::ExportRunner* runner = service.find(status.name);
    metrics.gauge_callback(kGauges[0], "Entries in an export's served list", labels,
                           [runner] { return static_cast<double>(runner->status().served); });
    metrics.gauge_callback(kGauges[1], "Seconds since an export's list was last read from ThreatConnect (or restored)",
                           labels, [runner] {
                             const auto ok_at = runner->status().ok_at;
                             return ok_at == 0 ? 0.0 : static_cast<double>(now_unix() - ok_at);
                           });
    metrics.gauge_callback(kGauges[2], "Entries max_entries left out of an export's list", labels,
                           [runner] { return static_cast<double>(runner->status().cut); });
    metrics.gauge_callback(kGauges[3], "Entries the never-block list left out of an export's list", labels,
                           [runner] { return static_cast<double>(runner->status().never_blocked); });
    metrics.gauge_callback(kGauges[4],
                           "1 while a refresh that would shrink an export past shrink_guard waits for a full read",
                           labels, [runner] { return runner->status().full_due ? 1.0 : 0.0; });
    for (auto outcome : exports::kAllOutcomes) {
      metrics.counter(kRefreshes, kRefreshesHelp,
                      {{"export", status.name}, {"outcome", std::string(exports::outcome_code(outcome))}});
    }
    for (int code : {200, 304}) requests(metrics, status.name, code);
  }
  service.set_on_refresh([&metrics](const exports::ExportRunner& runner, const exports::RefreshReport& report) {
    metrics
        .counter(kRefreshes, kRefreshesHelp,
                 {{"export", runner.config().name}, {"outcome", std::string(exports::outcome_code(report.outcome))}})
        .add();
  });
}

void forget_export_metrics(telemetry::Metrics& metrics, const std::string& name) {
  for (const char* gauge : kGauges) metrics.remove_gauge(gauge, {{"export", name}});
}

net::HttpServer::RouteHandler exports_endpoint(const ExportSet& set, telemetry::Metrics& metrics) {
  return [&set, &metrics](const net::HttpRequestView& request) {
    const std::string_view path = request.target.substr(0, request.target.find('?'));
    const std::string name(path.substr(kPrefix.size()));
    const ExportSet::Found found = set.find(name);  // holds the export for this request
    const exports::ExportRunner* runner = found.runner;
    // Unknown names are not counted: a label per guessed name would grow the metrics without end.
    if (runner == nullptr) return plain(404, "no such export\n");
    const auto& auth = runner->config().auth;
    if (!authorized(auth, request.header("authorization"))) {
      requests(metrics, name, 401).add();
      net::HttpReply reply = plain(401, "authorization required\n");
      reply.headers.emplace_back("WWW-Authenticate", auth.kind == config::ExportAuth::Kind::Bearer
                                                         ? "Bearer realm=\"tcfeed\""
                                                         : "Basic realm=\"tcfeed\", charset=\"UTF-8\"");
      return reply;
    }
    const auto list = runner->published();
    if (!list->ready) {
      requests(metrics, name, 503).add();
      net::HttpReply reply = plain(503, "this export has not been read from ThreatConnect yet\n");
      reply.headers.emplace_back("Retry-After", "60");
      return reply;
    }
    const bool gzip = accepts_gzip(request.header("accept-encoding").value_or(""));
    // Each representation has its own strong validator (RFC 9110: a gzip body is other bytes).
    const std::string etag = gzip ? list->etag.substr(0, list->etag.size() - 1) + "-gz\"" : list->etag;
    net::HttpReply reply;
    reply.headers.emplace_back("ETag", etag);
    reply.headers.emplace_back("Last-Modified", list->last_modified);
    // Revalidate every time: a stale block list is worse than one conditional request.
    reply.headers.emplace_back("Cache-Control", "no-cache");
    reply.headers.emplace_back("Vary", "Accept-Encoding");
    bool not_modified = false;
    if (const auto tags = request.header("if-none-match")) {
      not_modified = etag_matches(*tags, etag) || etag_matches(*tags, list->etag);
    } else if (const auto since = request.header("if-modified-since")) {
      const auto when = net::parse_http_date(*since);
      not_modified = when && list->modified_at <= *when;
    }
    if (not_modified) {
      requests(metrics, name, 304).add();
      reply.status = 304;
      return reply;
    }
    requests(metrics, name, 200).add();
    reply.content_type = list->content_type;
    if (gzip) {
      reply.headers.emplace_back("Content-Encoding", "gzip");
      reply.body = list->gzipped;
    } else {
      reply.body = list->body;
    }
    return reply;
  };
}

std::string exports_section(const ExportSet& set, telemetry::Metrics& metrics, std::int64_t now) {
  if (set.empty()) return {};
  std::string out =
      "<h2>Exports</h2>\n<div class=\"wide\"><table id=\"exports\">\n<thead><tr><th>Export</th><th>Format</th>"
      "<th class=\"num\">Entries</th><th>Last refresh</th><th>Outcome</th><th>Last full read</th>"
      "<th>List changed</th><th class=\"num\">Cut</th><th class=\"num\">Never blocked</th>"
      "<th class=\"num\">Requests</th><th class=\"num\">304s</th></tr></thead>\n<tbody>\n";
  const auto cell_time = [&](std::int64_t unix_seconds) {
    if (unix_seconds == 0) return std::string("<td class=\"when\"><span class=\"none\">never</span></td>");
    const std::string utc = format_utc(unix_seconds);
    return fmt::format(R"(<td class="when"><time datetime="{0}">{1}</time><small>{0}</small></td>)", utc,
                       format_relative(unix_seconds, now));
  };
  for (const auto& status : set.statuses()) {
    std::string outcome = "<span class=\"none\">none yet</span>";
    std::string error_row;
    if (status.last) {
      const auto code = exports::outcome_code(status.last->outcome);
      const bool bad = status.last->outcome == exports::RefreshOutcome::kFailed ||
                       status.last->outcome == exports::RefreshOutcome::kRefusedEmpty;
      const bool warn = status.last->outcome == exports::RefreshOutcome::kHeldShrink;
      outcome = fmt::format("<span class=\"badge {}\">{}</span> {}", bad ? "failed" : (warn ? "warning" : "ok"), code,
                            status.last->full ? "full" : "incremental");
      if (!status.last->error.empty()) {
        error_row = fmt::format("<tr class=\"error\"><td colspan=\"11\">{}</td></tr>\n",
                                html_escape(shorten(status.last->error, 600)));
      } else if (warn) {
        error_row = fmt::format(
            "<tr class=\"warning\"><td colspan=\"11\">would remove {} of {} entries: the last list is served until "
            "a full read confirms it</td></tr>\n",
            status.last->removed, status.stored);
      }
    }
    const std::uint64_t ok = requests(metrics, status.name, 200).value();
    const std::uint64_t not_modified = requests(metrics, status.name, 304).value();
    out += fmt::format(
        "<tr class=\"export\"><td><strong>{}</strong> <small>/exports/{}</small></td><td>{}</td><td "
        "class=\"num\">{}</td>{}<td>{}</td>{}{}<td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(status.name), html_escape(status.name), status.format, status.served,
        cell_time(status.refreshed_at), outcome, cell_time(status.full_at), cell_time(status.modified_at), status.cut,
        status.never_blocked, ok + not_modified, not_modified);
    out += error_row;
  }
  out += "</tbody>\n</table></div>\n";
  return out;
}

}  // namespace tcfeed::daemon
