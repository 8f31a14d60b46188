#pragma once
// OpenPhish community feed line → indicator candidates (docs/feeds.md, OpenPhish). Pure: no I/O,
// no clock.
//
// Mapping: the line → URL, as listed (normalization percent-encodes and checks it), with the
// Source attribute kOpenphishSource (the feed names no page per entry); with `host_as: host` also
// its host → Host (Address for an IP literal). Off by default: phishing pages sit on shared hosts
// (a blog, a site builder, a URL shortener, an IPFS gateway) whose name is not malicious. The
// feed gives no rating, confidence or tags: those come from the connector's config.
#include <string_view>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::openphish {

inline constexpr std::string_view kOpenphishSource = "https://openphish.com/";

enum class HostAs { None, Host };

struct OpenphishMapOptions {
  HostAs host_as = HostAs::None;
};

enum class Verdict { Mapped, Malformed };

class OpenphishMapper {
 public:
  explicit OpenphishMapper(OpenphishMapOptions options) : options_(options) {}
  // `url` is one line of the feed, trimmed and not empty. A value with a space or a control
  // character in it is not a URL a line: Malformed.
  Verdict map(std::string_view url, pipeline::CandidateSink& sink);

 private:
  OpenphishMapOptions options_;
  pipeline::Candidate candidate_;  // reused, so a line costs no allocation once warm
};

}  // namespace tcfeed::connectors::openphish
