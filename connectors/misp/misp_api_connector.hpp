#pragma once
// `misp`: a MISP instance's REST API (docs/feeds.md, MISP API), or a saved restSearch answer
// (file://).
//
// https://: POST {url}/attributes/restSearch with `{"returnFormat":"json","timestamp":T,"limit":N,
// "page":P,"includeEventTags":true[,"to_ids":true]}` and the key in `Authorization` (auth_key_*
// by secret reference). Pages of `page_size` are read until a shorter one, at most `max_pages`.
// T is the cursor — the newest attribute `timestamp` read — less `overlap`; a first poll starts
// `backfill` before now. The overlap re-reads what changed in the same second as the cursor (or
// was saved late); the seen set makes a re-read attribute unchanged. MISP does not order the
// search by timestamp, so the newest timestamp is the cursor only once the search is read to its
// end: after each full page the connector offers a checkpoint naming the search and the page
// (MispResume), and a poll cut by a crash or by max_pages goes on from it.
//
// file://: `{"response":{"Attribute":[…]}}` read once each poll, the same mapping, no filter.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/misp/misp_event_mapper.hpp"
#include "lib/core/duration.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::misp {

struct MispApiSettings {
  pipeline::SourceLocation location;  // the instance's base URL, or a saved answer
  pipeline::SourceAccess access;      // the key, in the Authorization header
  MispMapOptions map;
  Duration backfill = std::chrono::hours(24 * 7);
  Duration overlap = std::chrono::hours(1);
  int page_size = 1000;
  int max_pages = 100;
  std::size_t max_page_bytes = 64u << 20;
};

using ApiClock = std::function<std::chrono::system_clock::time_point()>;

std::unique_ptr<pipeline::Connector> make_misp_api_connector(MispApiSettings settings,
                                                             ApiClock now = &std::chrono::system_clock::now);

// Where an interrupted search goes on (a checkpoint, or a poll cut by max_pages): its `timestamp`,
// its page size, the last page whose attributes are in the outbox, and the newest attribute
// timestamp read so far. Written as the cursor's position `resume <since> <limit> <page>
// <newest|->`; a finished poll's position is the newest timestamp alone.
struct MispResume {
  std::int64_t since = 0;
  int limit = 0;
  int page = 0;
  std::optional<std::int64_t> newest;
};
std::optional<MispResume> parse_misp_resume(std::string_view text);
std::string format_misp_resume(const MispResume& resume);

// The restSearch body for one page.
std::string misp_search_body(std::int64_t since, int limit, int page, bool to_ids_only);

}  // namespace tcfeed::connectors::misp

namespace tcfeed::connectors {

pipeline::ConnectorType misp_api_connector_type();

}  // namespace tcfeed::connectors
