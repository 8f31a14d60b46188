#pragma once
// `otx`: AlienVault OTX's subscribed pulses (docs/feeds.md, AlienVault OTX), or a saved page of
// them (file://).
//
// https://: GET {url}/api/v1/pulses/subscribed?modified_since=<since>&limit=<page_size> with the
// key in X-OTX-API-KEY, then each page's `next` until it is null. `next` must stay on the url's
// scheme, host and port: the key is never sent elsewhere. The cursor is the newest pulse
// `modified` read; the next poll asks from it less `overlap` (an edit OTX indexes late is not
// missed), and a first poll from `backfill` before now (without modified_since OTX sends every
// subscribed pulse ever). Pulses the overlap reads again are unchanged to the seen set, never sent
// twice. OTX does not promise an order by `modified`, so the newest date read is the cursor only
// once the poll read its last page: every `checkpoint_pulses` pulses, at the end of a page, the
// connector offers a checkpoint naming the poll's modified_since, the newest date so far and the
// `next` page (OtxResume), and a poll cut by a crash or by `max_pages` goes on from there.
//
// file://: one saved page, read whole each poll (its `next` is not followed); pulses modified
// before what a live poll would ask for are skipped.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/otx/otx_mapper.hpp"
#include "lib/core/duration.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::otx {

constexpr const char* kOtxDefaultUrl = "https://otx.alienvault.com";

struct OtxSettings {
  pipeline::SourceLocation location;  // the OTX server's root, or a saved page
  pipeline::SourceAccess access;      // the key: X-OTX-API-KEY, by secret reference
  Duration backfill = std::chrono::hours(24 * 7);
  Duration overlap = std::chrono::minutes(5);
  int page_size = 50;    // the `limit` asked for
  int max_pages = 1000;  // per poll
  std::size_t max_pulse_bytes = 16 << 20;
  std::size_t checkpoint_pulses = 100;  // a checkpoint at the end of the first page after this many
  bool groups = true;
};

// Where a cut poll goes on: its modified_since, the newest pulse `modified` read so far, and the
// page to read next. Written as the cursor's position `resume <since> <newest|-> <next url>`; a
// finished poll's position is the newest date alone.
struct OtxResume {
  StixTime since{};
  std::optional<StixTime> newest;
  std::string next;
};
std::optional<OtxResume> parse_otx_resume(std::string_view text);
std::string format_otx_resume(const OtxResume& resume);

using Clock = std::function<std::chrono::system_clock::time_point()>;

// The first page's URL for a poll from `since` (an OTX date).
std::string subscribed_url(const std::string& root, const std::string& since, int page_size);

// Whether `next` is on the same scheme, host and port as `url`.
bool same_origin(const std::string& url, const std::string& next);

std::unique_ptr<pipeline::Connector> make_otx_connector(OtxSettings settings,
                                                        Clock now = &std::chrono::system_clock::now);

}  // namespace tcfeed::connectors::otx

namespace tcfeed::connectors {

pipeline::ConnectorType otx_connector_type();

}  // namespace tcfeed::connectors
