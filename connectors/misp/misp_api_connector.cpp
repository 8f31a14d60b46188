#include "connectors/misp/misp_api_connector.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "connectors/malware_family.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::misp {
namespace {

std::optional<std::int64_t> parse_position(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string search_url(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/attributes/restSearch";
}

struct Page {
  std::size_t attributes = 0;  // in the answer, mapped or not
  std::size_t records = 0;
  std::optional<std::int64_t> newest;
};

class MispApiConnector final : public pipeline::Connector {
 public:
  MispApiConnector(MispApiSettings settings, ApiClock now) : settings_(std::move(settings)), now_(std::move(now)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    MispEventMapper mapper(settings_.map);
    if (settings_.location.url.rfind("file://", 0) == 0) {
      pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, state::Cursor{});
      const Page page = read_page(*fetched.body, mapper, sink);
      return {state::Cursor{}, false, page.records};
    }
    const auto seconds = [](std::chrono::system_clock::time_point at) {
      return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
    };
    const auto resume = parse_misp_resume(previous.position);
    const auto cursor = resume ? resume->newest : parse_position(previous.position);
    MispResume search;
    search.limit = settings_.page_size;
    search.since = cursor ? *cursor - std::chrono::duration_cast<std::chrono::seconds>(settings_.overlap).count()
                          : seconds(now_() - settings_.backfill);
    search.newest = cursor;
    int first_page = 1;
    if (resume) {
      // An interrupted search goes on: the same `timestamp`, from its last checkpointed page again
      // — a page of overlap, as an attribute deleted meanwhile moves later ones a place back.
      // Pages of another size hold other attributes: then from its first page.
      search.since = resume->since;
      if (resume->limit == settings_.page_size) first_page = std::max(resume->page, 1);
    }
    std::size_t records = 0;
    bool complete = false;
    for (int page = first_page; page < first_page + settings_.max_pages; ++page) {
      pipeline::SourceLocation location = settings_.location;
      location.url = search_url(settings_.location.url);
      pipeline::FetchRequest request = pipeline::source_request(location, settings_.access);
      request.method = "POST";
      request.body = misp_search_body(search.since, settings_.page_size, page, settings_.map.to_ids_only);
      request.headers.push_back({"Content-Type", "application/json"});
      request.headers.push_back({"Accept", "application/json"});
      pipeline::FetchedStream fetched = pipeline::fetch_stream(request);
      const Page read = read_page(*fetched.body, mapper, sink);
      records += read.records;
      if (read.newest && (!search.newest || *read.newest > *search.newest)) search.newest = read.newest;
      search.page = page;
      if (read.attributes < static_cast<std::size_t>(settings_.page_size)) {
        complete = true;
        break;
      }
      // Every attribute of pages up to this one is in the sink: a poll cut after it resumes here
      // (docs/feeds.md, MISP API).
      sink.checkpoint([&] { return state::Cursor{format_misp_resume(search), "", ""}; });
    }
    if (!complete) {
      spdlog::warn(
          "misp {}: more than max_pages ({}) pages changed since the cursor; the next poll goes on with this "
          "search from page {} (MISP does not order the search by time, so the cursor cannot move yet)",
          pipeline::redact_url(settings_.location.url), settings_.max_pages, search.page);
      return {state::Cursor{format_misp_resume(search), "", ""}, false, records};
    }
    if (!resume && records == 0 && search.newest == cursor && !previous.position.empty()) {
      return pipeline::not_modified_since(previous);
    }
    return {state::Cursor{search.newest ? std::to_string(*search.newest) : std::to_string(search.since), "", ""}, false,
            records};
  }

 private:
  Page read_page(pipeline::ByteSource& body, MispEventMapper& mapper, pipeline::CandidateSink& sink) const {
    pipeline::JsonOptions options;
    options.form = pipeline::JsonForm::KeyedObject;
    options.max_record_bytes = settings_.max_page_bytes;
    pipeline::JsonRecords reader(body, options);
    Page page;
    reader.read([&](std::string_view key, simdjson::dom::element value) {
      if (key != "response") return;
      // {"response":{"Attribute":[…]}}; an older server answers {"response":[{"Attribute":{…}}…]}.
      simdjson::dom::array attributes;
      if (value["Attribute"].get(attributes) != simdjson::SUCCESS) {
        simdjson::dom::element single;
        if (value["Attribute"].get(single) == simdjson::SUCCESS) {
          ++page.attributes;
          count(page, mapper.map_attribute_record(single, sink));
        }
        return;
      }
      for (auto attribute : attributes) {
        ++page.attributes;
        count(page, mapper.map_attribute_record(attribute, sink));
      }
    });
    page.records += report_skipped(reader.stats(), sink);
    return page;
  }

  static void count(Page& page, const MispEventResult& result) {
    page.records += result.records;
    if (result.timestamp && (!page.newest || *result.timestamp > *page.newest)) page.newest = result.timestamp;
  }

  MispApiSettings settings_;
  ApiClock now_;
};

}  // namespace

std::optional<MispResume> parse_misp_resume(std::string_view text) {
  // "resume <since> <limit> <page> <newest|->"
  constexpr std::string_view kTag = "resume ";
  if (!text.starts_with(kTag)) return std::nullopt;
  text.remove_prefix(kTag.size());
  std::vector<std::string> fields;
  while (!text.empty()) {
    const auto space = text.find(' ');
    fields.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  if (fields.size() != 4) return std::nullopt;
  const auto since = parse_position(fields[0]);
  const auto limit = parse_position(fields[1]);
  const auto page = parse_position(fields[2]);
  const auto newest = fields[3] == "-" ? std::optional<std::int64_t>(0) : parse_position(fields[3]);
  if (!since || !limit || !page || !newest || *limit < 1 || *page < 1 || *limit > 1000000 || *page > 100000000) {
    return std::nullopt;
  }
  MispResume resume;
  resume.since = *since;
  resume.limit = static_cast<int>(*limit);
  resume.page = static_cast<int>(*page);
  if (fields[3] != "-") resume.newest = *newest;
  return resume;
}

std::string format_misp_resume(const MispResume& resume) {
  return "resume " + std::to_string(resume.since) + " " + std::to_string(resume.limit) + " " +
         std::to_string(resume.page) + " " + (resume.newest ? std::to_string(*resume.newest) : std::string("-"));
}

std::string misp_search_body(std::int64_t since, int limit, int page, bool to_ids_only) {
  std::string body = R"({"returnFormat":"json","timestamp":)" + std::to_string(std::max<std::int64_t>(since, 0)) +
                     R"(,"limit":)" + std::to_string(limit) + R"(,"page":)" + std::to_string(page) +
                     R"(,"includeEventTags":true)";
  if (to_ids_only) body += R"(,"to_ids":true)";
  body += "}";
  return body;
}

std::unique_ptr<pipeline::Connector> make_misp_api_connector(MispApiSettings settings, ApiClock now) {
  return std::make_unique<MispApiConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::misp

namespace tcfeed::connectors {

pipeline::ConnectorType misp_api_connector_type() {
  const misp::MispApiSettings defaults;
  const pipeline::AuthKeyConvention key{pipeline::SourceAccess::Auth::Header, "Authorization", "MISP"};
  pipeline::ConnectorType type;
  type.name = "misp";
  type.description =
      "A MISP instance's REST API (POST /attributes/restSearch, JSON), or a saved restSearch answer (file://): "
      "attributes mapped as for misp_feed, each associated with its event's Event group. Incremental on the "
      "attribute timestamp with an overlap, paged with limit/page; the key in Authorization by secret reference.";
  type.keys = {
      {"backfill", "duration", format_duration(defaults.backfill),
       "first poll only: attributes whose timestamp is within this long before now", false},
      {"overlap", "duration", format_duration(defaults.overlap),
       "each poll asks from the cursor less this much (attributes saved late; re-reads are unchanged)", false},
      {"to_ids_only", "bool", config::bool_text(defaults.map.to_ids_only),
       "ask only for to_ids attributes; false reads all and sends those without to_ids too", false},
      groups_key(defaults.map.groups, "each attribute's MISP event as an Event group"),
      {"page_size", "integer", std::to_string(defaults.page_size), "the `limit` asked for per page, 1–50000", false},
      {"max_pages", "integer", std::to_string(defaults.max_pages),
       "pages read per poll at most, 1–100000; the next poll goes on with the same search from there", false},
      {"max_page_bytes", "integer", std::to_string(defaults.max_page_bytes),
       "an answer larger than this is counted (oversized_record) and skipped", false},
  };
  const auto location_keys =
      pipeline::source_location_keys("the MISP instance's base URL, e.g. https://misp.example/, or file:///path.json");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& spec : pipeline::source_access_keys(key)) type.keys.push_back(std::move(spec));
  type.create = [key](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    misp::MispApiSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.access = pipeline::read_source_access(keys, context.global, key);
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.overlap = keys.duration("overlap").value_or(settings.overlap);
    settings.map.to_ids_only = keys.boolean("to_ids_only").value_or(settings.map.to_ids_only);
    settings.map.groups = keys.boolean("groups").value_or(settings.map.groups);
    settings.page_size = static_cast<int>(keys.integer("page_size", 1, 50000).value_or(settings.page_size));
    settings.max_pages = static_cast<int>(keys.integer("max_pages", 1, 100000).value_or(settings.max_pages));
    settings.max_page_bytes =
        static_cast<std::size_t>(keys.integer("max_page_bytes", 1024, std::int64_t{1} << 30)
                                     .value_or(static_cast<std::int64_t>(settings.max_page_bytes)));
    return misp::make_misp_api_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
