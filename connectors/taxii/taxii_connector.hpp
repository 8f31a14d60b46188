#pragma once
// `taxii21`: a TAXII 2.1 collection's STIX 2.1 indicators (docs/feeds.md, TAXII 2.1 and STIX
// 2.1), or a STIX bundle file (file://).
//
// https://: `url` is the API root; `collection` an id or a title, found in GET {root}/collections/.
// GET {root}/collections/{id}/objects/ with `Accept: application/taxii+json;version=2.1` pages as
// the specification says: `next` when the envelope gives one, otherwise `added_after` set to the
// page's X-TAXII-Date-Added-Last — never both in one request — until `more` is false. A request
// that would repeat the previous one (no progress) ends the poll, and so does `max_pages`. The
// cursor is the server's own X-TAXII-Date-Added-Last, sent back verbatim as the next poll's
// `added_after`; a first poll starts `backfill` before now. A server that treats added_after as
// inclusive sends the last object again: the seen set makes the repeat unchanged, never a second
// send.
//
// groups (on by default): the poll's group objects and relationships associate its indicators with
// Report, Malware, Intrusion Set, Adversary and Campaign groups, whatever their order across pages
// (stix_groups.hpp: the indicators are held to the end of the poll, within bounds).
//
// file://: a bundle, read whole each poll; objects modified at or before the cursor (the newest
// `modified` read) are skipped, and a first poll takes only the backfill window.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "lib/core/duration.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::taxii {

struct TaxiiSettings {
  pipeline::SourceLocation location;  // the API root, or a bundle file
  pipeline::SourceAccess access;      // basic auth (auth_basic_user) or another scheme, by secret reference
  std::string collection;             // https:// only: an id or a title
  Duration backfill = std::chrono::hours(24 * 7);
  int page_size = 1000;  // the `limit` asked for; a server may send fewer
  int max_pages = 1000;  // per poll: the rest waits for the next poll, from the cursor
  std::size_t max_object_bytes = 1 << 20;
  bool groups = true;  // reports, malware, intrusion sets, threat actors, campaigns and their associations
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

std::unique_ptr<pipeline::Connector> make_taxii_connector(TaxiiSettings settings,
                                                          Clock now = &std::chrono::system_clock::now);

}  // namespace tcfeed::connectors::taxii

namespace tcfeed::connectors {

pipeline::ConnectorType taxii_connector_type();

}  // namespace tcfeed::connectors
