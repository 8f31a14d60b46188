#pragma once
// One OTX pulse → indicator candidates (docs/feeds.md, AlienVault OTX). Pure: no I/O; the time
// comes in as an option.
//
// Each entry of the pulse's `indicators` is one record:
// - type: IPv4/IPv6 → Address, domain/hostname → Host, URL/URI → URL, email → EmailAddress,
//   FileHash-MD5/SHA1/SHA256 → File, CIDR → CIDR; any other type is counted
//   (`otx_type_unsupported`), never guessed;
// - is_active 0 → skipped (`inactive`); an expiration at or before now → skipped (`expired`);
// - the pulse's tags → tags, its attack_ids → ATT&CK technique references;
// - with `groups` on, the pulse is a Report group: source id the pulse id, name the pulse name,
//   Description (bounded) and Source (the pulse's page) attributes, the pulse's created as
//   publishDate.
// A pulse modified before `not_before` (what the poll asked for: backfill or the cursor less the
// overlap) is skipped whole, each indicator counted, so a server that ignores modified_since (a
// saved page) sends nothing twice.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "connectors/taxii/stix_time.hpp"
#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::otx {

using taxii::StixTime;

// OTX's dates: "2024-05-14T10:14:06.123000" (UTC, no zone), also with a trailing Z or +00:00.
std::optional<StixTime> parse_otx_time(std::string_view text);

// The indicator type an OTX type maps to, or nullopt.
std::optional<indicators::IndicatorType> otx_indicator_type(std::string_view otx_type);

struct OtxMapOptions {
  StixTime now{};
  std::optional<StixTime> not_before;
  pipeline::Unmapped before_reason = pipeline::Unmapped::BeforeBackfill;  // or AlreadyRead after a first poll
  bool groups = true;
  std::string pulse_link_prefix = "https://otx.alienvault.com/pulse/";
  std::size_t max_tags = 64;           // pulse tags beyond are not read
  std::size_t max_techniques = 32;     // attack_ids beyond are not read
  std::size_t max_description = 4000;  // bytes, cut on a character boundary
};

struct OtxPulseResult {
  std::size_t records = 0;           // indicators read (a malformed pulse counts as one)
  std::optional<StixTime> modified;  // the pulse's modified, when it parses
};

class OtxMapper {
 public:
  explicit OtxMapper(OtxMapOptions options) : options_(std::move(options)) {}
  OtxPulseResult map(simdjson::dom::element pulse, pipeline::CandidateSink& sink);

 private:
  OtxMapOptions options_;
  pipeline::Candidate candidate_;  // reused
  std::string description_, link_, published_;
};

// `text` cut to at most `limit` bytes without splitting a UTF-8 character.
std::string_view cut_utf8(std::string_view text, std::size_t limit);

}  // namespace tcfeed::connectors::otx
