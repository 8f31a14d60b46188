#pragma once
// The ThreatFox API's get_iocs call: `POST <url>` with body {"query":"get_iocs","days":N} and the
// key in an `Auth-Key` header (docs/feeds.md, ThreatFox). Everything else is an export, fetched
// like any source.
#include <string>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::threatfox {

// True for an https:// URL whose path is the API's (contains "/api/"): POST
// get_iocs, not GET.
bool is_api_url(const std::string& url);

// Turns a source request (credentials and proxy already applied) into the
// get_iocs call for the last `days` days (1–7). The API has no validators: the
// id cursor alone says what is new.
void make_get_iocs(pipeline::FetchRequest& request, int days);

}  // namespace tcfeed::connectors::threatfox
