#pragma once
// TAXII 2.1 requests: the URLs a poll sends, and finding a collection by id or title in the API
// root's collection list (GET {root}/collections/).
#include <string>
#include <string_view>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::taxii {

// What every TAXII request asks for.
inline constexpr std::string_view kTaxiiAccept = "application/taxii+json;version=2.1";

// The API root with exactly one trailing slash.
std::string api_root(std::string_view url);

// {root}/collections/
std::string collections_url(std::string_view root);

// {root}/collections/{id}/objects/?limit=N and either &next=… or &added_after=… (never both: the
// one that is not empty; neither on a request without both empty).
std::string objects_url(std::string_view root, std::string_view collection_id, int limit, std::string_view next,
                        std::string_view added_after);

// The id of the collection whose id is `wanted`, else whose title is `wanted`, from the body of
// GET collections/ (read up to `max_bytes`). Throws SourceError when there is none, when two
// collections have that title, or when it cannot be read (`can_read: false`).
std::string resolve_collection(pipeline::ByteSource& body, std::string_view wanted, std::size_t max_bytes);

}  // namespace tcfeed::connectors::taxii
