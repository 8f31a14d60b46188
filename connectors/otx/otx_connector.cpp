#include "connectors/otx/otx_connector.hpp"

#include <spdlog/spdlog.h>

#include "connectors/malware_family.hpp"
#include "connectors/otx/otx_page_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::otx {
namespace {

const pipeline::AuthKeyConvention kOtxKey{pipeline::SourceAccess::Auth::Header, "X-OTX-API-KEY", "OTX"};

// "https://host:port" of a URL: everything before the path.
std::string origin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

class OtxConnector final : public pipeline::Connector {
 public:
  OtxConnector(OtxSettings settings, Clock now) : settings_(std::move(settings)), now_(std::move(now)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    const StixTime now = std::chrono::floor<std::chrono::microseconds>(now_());
    const bool file = settings_.location.url.rfind("file://", 0) == 0;
    auto resume = file ? std::nullopt : parse_otx_resume(previous.position);
    if (resume && !same_origin(settings_.location.url, resume->next)) resume.reset();  // `url` changed since
    const auto cursor = resume ? resume->newest : parse_otx_time(previous.position);
    const StixTime since = resume   ? resume->since
                           : cursor ? *cursor - std::chrono::duration_cast<std::chrono::microseconds>(settings_.overlap)
                                    : now - std::chrono::duration_cast<std::chrono::microseconds>(settings_.backfill);
    OtxMapOptions options;
    options.now = now;
    options.not_before = since;
    options.before_reason = cursor ? pipeline::Unmapped::AlreadyRead : pipeline::Unmapped::BeforeBackfill;
    options.groups = settings_.groups;
    OtxMapper mapper(options);

    OtxResume progress{since, cursor, std::string()};
    std::size_t records = 0;
    const auto read = [&](const PulsePage& page) {
      records += page.records;
      if (page.newest_modified && (!progress.newest || *page.newest_modified > *progress.newest)) {
        progress.newest = page.newest_modified;
      }
    };
    bool complete = true;
    if (file) {
      pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, state::Cursor{});
      read(read_pulse_page(*fetched.body, mapper, sink, settings_.max_pulse_bytes));
    } else {
      const std::string first =
          resume ? resume->next
                 : subscribed_url(settings_.location.url, taxii::format_stix_time(since), settings_.page_size);
      complete = poll_pages(first, mapper, sink, read, progress);
    }
    // Cut by max_pages: the next poll goes on where this one stopped, with the same modified_since.
    if (!complete) return {state::Cursor{format_otx_resume(progress), "", ""}, false, records};
    const std::string position = progress.newest ? taxii::format_stix_time(*progress.newest) : std::string();
    // Nothing modified since the cursor: like a 304, nothing to commit.
    if (!resume && records == 0 && position == previous.position) return pipeline::not_modified_since(previous);
    return {state::Cursor{position, "", ""}, false, records};
  }

 private:
  // Returns false when max_pages cut the poll with pages left (progress.next then names the next one).
  template <typename Read>
  bool poll_pages(std::string url, OtxMapper& mapper, pipeline::CandidateSink& sink, const Read& read,
                  OtxResume& progress) {
    const std::string& root = settings_.location.url;
    std::string last_url;
    std::size_t since_checkpoint = 0;
    for (int page = 0;; ++page) {
      if (page == settings_.max_pages) {
        spdlog::warn("otx {}: stopped after max_pages ({}); the next poll goes on from the next page",
                     pipeline::redact_url(root), settings_.max_pages);
        progress.next = url;
        return false;
      }
      if (url == last_url) {
        spdlog::warn("otx {}: `next` repeats the page just read; stopping this poll", pipeline::redact_url(root));
        return true;
      }
      if (!same_origin(root, url)) {
        // The key goes with every request: a `next` elsewhere would hand it to another server.
        throw pipeline::SourceError("otx: `next` leaves the configured server (" + pipeline::redact_url(url) +
                                    "); the key is not sent there");
      }
      last_url = url;
      pipeline::SourceLocation location = settings_.location;
      location.url = url;
      pipeline::FetchedStream fetched = pipeline::fetch_stream(pipeline::source_request(location, settings_.access));
      const PulsePage read_page = read_pulse_page(*fetched.body, mapper, sink, settings_.max_pulse_bytes);
      read(read_page);
      if (read_page.next.empty()) return true;
      url = read_page.next;
      // Every checkpoint_pulses pulses, at the end of a page (a page is the unit OTX resumes at):
      // the pulses read so far are in the sink, and the poll can go on from `next`.
      since_checkpoint += read_page.pulses;
      if (since_checkpoint >= settings_.checkpoint_pulses) {
        since_checkpoint = 0;
        progress.next = url;
        sink.checkpoint([&] { return state::Cursor{format_otx_resume(progress), "", ""}; });
      }
    }
  }

  OtxSettings settings_;
  Clock now_;
};

}  // namespace

std::optional<OtxResume> parse_otx_resume(std::string_view text) {
  // "resume <since> <newest|-> <next url>"
  constexpr std::string_view kTag = "resume ";
  if (!text.starts_with(kTag)) return std::nullopt;
  text.remove_prefix(kTag.size());
  const auto first = text.find(' ');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find(' ', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto since = parse_otx_time(text.substr(0, first));
  const std::string newest_text(text.substr(first + 1, second - first - 1));
  const auto newest = parse_otx_time(newest_text);
  OtxResume resume;
  resume.next = std::string(text.substr(second + 1));
  if (!since || (!newest && newest_text != "-") || resume.next.empty()) return std::nullopt;
  resume.since = *since;
  resume.newest = newest;
  return resume;
}

std::string format_otx_resume(const OtxResume& resume) {
  return "resume " + taxii::format_stix_time(resume.since) + " " +
         (resume.newest ? taxii::format_stix_time(*resume.newest) : std::string("-")) + " " + resume.next;
}

std::string subscribed_url(const std::string& root, const std::string& since, int page_size) {
  std::string url = root;
  while (!url.empty() && url.back() == '/') url.pop_back();
  // An OTX date has only digits, '-', ':', '.', 'T' and 'Z': nothing to escape.
  return url + "/api/v1/pulses/subscribed?modified_since=" + since + "&limit=" + std::to_string(page_size);
}

bool same_origin(const std::string& url, const std::string& next) {
  const std::string a = origin(url);
  return !a.empty() && a == origin(next);
}

std::unique_ptr<pipeline::Connector> make_otx_connector(OtxSettings settings, Clock now) {
  return std::make_unique<OtxConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::otx

namespace tcfeed::connectors {

pipeline::ConnectorType otx_connector_type() {
  const otx::OtxSettings defaults;
  pipeline::ConnectorType type;
  type.name = "otx";
  type.description =
      "AlienVault OTX's subscribed pulses (or a saved page of them, file://): IPv4/IPv6 → Address, domain/hostname → "
      "Host, URL/URI → URL, email → EmailAddress, FileHash-MD5/SHA1/SHA256 → File, CIDR → CIDR; other types "
      "counted (otx_type_unsupported). Pulse tags → tags, attack_ids → ATT&CK tags, each pulse a Report group; "
      "is_active 0 or a past expiration → not sent. Cursor = the newest pulse modified, less `overlap`.";
  type.keys = {
      {"backfill", "duration", format_duration(defaults.backfill),
       "first poll only: pulses modified within this long before now", false},
      {"overlap", "duration", format_duration(defaults.overlap),
       "each later poll asks from the cursor less this (what it reads again is not re-sent)", false},
      {"page_size", "integer", std::to_string(defaults.page_size), "the `limit` asked for per page, 1–1000", false},
      {"max_pages", "integer", std::to_string(defaults.max_pages),
       "pages read per poll at most, 1–100000; the next poll goes on from the next page", false},
      {"max_pulse_bytes", "integer", std::to_string(defaults.max_pulse_bytes),
       "a pulse larger than this is counted (oversized_record) and skipped", false},
      {"checkpoint_pulses", "integer", std::to_string(defaults.checkpoint_pulses),
       "a checkpoint at the end of the first page after this many pulses, 1–100000: a poll cut later goes on "
       "from it",
       false},
      groups_key(defaults.groups, "each pulse as a Report group"),
  };
  const auto location_keys =
      pipeline::source_location_keys("the OTX server, default " + std::string(otx::kOtxDefaultUrl) +
                                     ", or file:///path/page.json (a saved page of subscribed pulses)");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys(otx::kOtxKey)) type.keys.push_back(std::move(key));
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    otx::OtxSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.access = pipeline::read_source_access(keys, context.global, otx::kOtxKey);
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.overlap = keys.duration("overlap").value_or(settings.overlap);
    settings.page_size = static_cast<int>(keys.integer("page_size", 1, 1000).value_or(settings.page_size));
    settings.max_pages = static_cast<int>(keys.integer("max_pages", 1, 100000).value_or(settings.max_pages));
    settings.max_pulse_bytes = static_cast<std::size_t>(
        keys.integer("max_pulse_bytes", 1024, 256 << 20).value_or(static_cast<std::int64_t>(settings.max_pulse_bytes)));
    settings.checkpoint_pulses = static_cast<std::size_t>(
        keys.integer("checkpoint_pulses", 1, 100000).value_or(static_cast<std::int64_t>(settings.checkpoint_pulses)));
    settings.groups = keys.boolean("groups").value_or(settings.groups);
    return otx::make_otx_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
