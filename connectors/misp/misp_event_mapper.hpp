#pragma once
// One MISP event (the `Event` object of a feed's `<uuid>.json`, or of an API answer) into
// candidates (docs/feeds.md, MISP feed): the event is an Event group, each attribute — its own and
// those of its objects — an indicator associated with it.
//
// Attribute types: ip-src/ip-dst → Address (CIDR with a prefix), `ip-src|port`/`ip-dst|port` →
// Address with a Port attribute, domain/hostname → Host (`hostname|port` with a Port, `domain|ip` →
// Host and Address), url → URL, md5/sha1/sha256 and `filename|<hash>` → File, email-src/email-dst/
// email → EmailAddress, email-subject → Email Subject, AS → ASN, mutex → Mutex, regkey and
// `regkey|value` → Registry Key, user-agent → User Agent. Any other type is counted (unmapped_type).
// `to_ids: false` marks the candidate benign (policy drops it) unless `to_ids_only` is off; a
// `deleted` attribute is counted (revoked).
//
// Tags (the event's and the attribute's): the ATT&CK galaxy (`misp-galaxy:mitre-attack-pattern=
// "Phishing - T1566"`) → ATT&CK techniques; any other machine tag (`namespace:predicate`, `tlp:white`,
// other galaxies) is never a tag and is dropped; the rest are tags as written.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::misp {

struct MispMapOptions {
  bool to_ids_only = true;  // to_ids: false → benign
  bool groups = true;       // the event as an Event group
  std::size_t max_tags = 32;
  std::size_t max_techniques = 16;
};

struct MispEventResult {
  bool event = false;                     // the element was an event object
  std::size_t records = 0;                // attributes read, mapped or not
  std::optional<std::int64_t> timestamp;  // the event's, unix seconds
};

// Whether `tag` is a machine tag (`namespace:predicate[="value"]`): never sent as a tag.
bool is_machine_tag(std::string_view tag);

// The value of an ATT&CK galaxy tag ("Phishing - T1566"), or nullopt for any other tag.
std::optional<std::string_view> attack_galaxy_value(std::string_view tag);

// A MISP timestamp: an integer, or digits in a string as the feeds write it.
std::optional<std::int64_t> misp_timestamp(simdjson::dom::element object, const char* key);

class MispEventMapper {
 public:
  explicit MispEventMapper(MispMapOptions options) : options_(options) {}

  // `event` is the Event object itself (not the `{"Event":…}` wrapper).
  MispEventResult map(simdjson::dom::element event, pipeline::CandidateSink& sink);

  // One attribute as the REST API's /attributes/restSearch returns it: its event, when given, in
  // an `Event` member (uuid, info, date) — the group; its tags include the event's when the search
  // asked for includeEventTags. The result's timestamp is the attribute's.
  MispEventResult map_attribute_record(simdjson::dom::element attribute, pipeline::CandidateSink& sink);

 private:
  void set_group(simdjson::dom::element event);
  void map_attribute(simdjson::dom::element attribute, pipeline::CandidateSink& sink);
  void emit(pipeline::CandidateSink& sink, indicators::IndicatorType type, std::string_view value, bool continues);

  MispMapOptions options_;
  pipeline::Candidate candidate_;
  std::vector<std::string_view> event_tags_;
  std::vector<std::string_view> event_techniques_;
  std::string date_;
};

}  // namespace tcfeed::connectors::misp
