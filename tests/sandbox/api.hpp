#pragma once
// Endpoint handlers behind the router. Each gets the path segments after the base path, already
// percent-decoded one by one, and the raw request for its query and body.
#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/job_model.hpp"
#include "tests/sandbox/options.hpp"
#include "tests/sandbox/owner_access.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

struct ApiContext {
  const Options& options;
  Store& store;
  const OwnerNames& denied_owners;  // batch jobs for these answer 403 (faults.hpp)
  JobModel* job_model = nullptr;    // with --job-rate: how long each job takes
};

using Segments = std::span<const std::string>;

Response handle_owners(ApiContext& context, const Request& request, Segments segments);
// segments start after "v2", "batch"
Response handle_batch(ApiContext& context, const Request& request, Segments segments);
// segments start after "v2", "indicators"
Response handle_indicators(ApiContext& context, const Request& request, Segments segments);
// segments start after "v3", "indicators"
Response handle_v3_indicators(ApiContext& context, const Request& request, Segments segments);
// segments start after "v3", "groups"
Response handle_v3_groups(ApiContext& context, const Request& request, Segments segments);
// An indicator's `associatedGroups` field of a v3 read: {"data":[group…]}.
void write_associated_groups(JsonWriter& json, const Store& store, const StoredIndicator& indicator);
// segments start after "v3", "security", "owners"
Response handle_v3_owners(ApiContext& context, const Request& request, Segments segments);
// segments start after "v3", "tags"
Response handle_v3_tags(ApiContext& context, const Request& request, Segments segments);
// GET|HEAD /files/<name>: `name` is the raw (still encoded) remainder of the path.
Response handle_file(const Options& options, const Request& request, std::string_view name);
// GET /taxii2/<root>/collections/[<id>/objects/]: `path` is the raw remainder after /taxii2/.
Response handle_taxii(const Options& options, const Request& request, std::string_view path);

// POST /misp/<instance>/(attributes|events)/restSearch: `path` is the raw remainder after /misp/.
// The answer, a delay the instance's file asks for, and what the stats log says of the request
// (the page and timestamp asked: a test checks where a poll resumed).
struct MispAnswer {
  Response response;
  std::chrono::milliseconds delay{0};
  std::string detail;
};
MispAnswer handle_misp(const Options& options, const Request& request, std::string_view path);

// The owner a v2 call addresses: `owner=` (decoded) or the first configured owner. Nothing if
// the name is unknown (the caller answers 403).
const Owner* requested_owner(const Store& store, const Request& request);

// ISO-8601 UTC, as the v2 API writes dateAdded and lastModified.
std::string iso_time(std::int64_t epoch_seconds);

}  // namespace tcfeed::sandbox
