#pragma once
// MISP attributes into candidates (docs/feeds.md, MISP feed): an event is an Event group, each
// attribute — its own and those of its objects — an indicator associated with it. The feed's
// reader (misp_event_reader.hpp) streams an event and hands its fields and attributes here; the
// API connector hands one restSearch attribute at a time.
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
  bool event = false;                     // the attribute carried its event
  std::size_t records = 0;                // attributes read, mapped or not
  std::optional<std::int64_t> timestamp;  // the attribute's, unix seconds
};

// One attribute reduced to what the mapping reads: what the streaming reader holds for each
// attribute between reading it and its event's end (docs/feeds.md, MISP feed). Views.
struct MispAttribute {
  std::string_view type;
  std::string_view value;
  bool to_ids = false;
  bool deleted = false;
  std::vector<std::string_view> tags;        // plain tags (machine tags are never kept)
  std::vector<std::string_view> techniques;  // ATT&CK galaxy values ("Phishing - T1566")
};

// The fields of an event its group and its indicators take. Views.
struct MispEventFields {
  std::string_view uuid;
  std::string_view info;
  std::string_view date;  // a day, YYYY-MM-DD
  std::vector<std::string_view> tags;
  std::vector<std::string_view> techniques;
};

// Whether `tag` is a machine tag (`namespace:predicate[="value"]`): never sent as a tag.
bool is_machine_tag(std::string_view tag);

// The value of an ATT&CK galaxy tag ("Phishing - T1566"), or nullopt for any other tag.
std::optional<std::string_view> attack_galaxy_value(std::string_view tag);

// A MISP timestamp: an integer, or digits in a string as the feeds write it.
std::optional<std::int64_t> misp_timestamp(simdjson::dom::element object, const char* key);

// A MISP flag (`deleted`, `to_ids`): true, or a non-zero number as older exports write it.
bool misp_flag(simdjson::dom::element value);

class MispEventMapper {
 public:
  explicit MispEventMapper(MispMapOptions options) : options_(options) {}

  const MispMapOptions& options() const { return options_; }

  // One element of a `Tag` array ({"name":"…"}) into `tags` or `techniques`, each up to its limit;
  // a machine tag other than the ATT&CK galaxy is dropped (tlp:white must never become a tag).
  void read_tag(simdjson::dom::element item, std::vector<std::string_view>& tags,
                std::vector<std::string_view>& techniques) const;

  // One attribute's fields, views into `attribute`; false when it is not an object.
  bool read_attribute(simdjson::dom::element attribute, MispAttribute& out) const;

  // The event the next attributes belong to: its group (when `groups` is on and it has a uuid) and
  // its tags, which come before each attribute's own. The views must outlive those attributes.
  void set_event(const MispEventFields& event);

  // One attribute of the event set last into candidates, or an unmapped reason.
  void map_attribute(const MispAttribute& attribute, pipeline::CandidateSink& sink);

  // One attribute as the REST API's /attributes/restSearch returns it: its event, when given, in
  // an `Event` member (uuid, info, date) — the group; its tags include the event's when the search
  // asked for includeEventTags. The result's timestamp is the attribute's.
  MispEventResult map_attribute_record(simdjson::dom::element attribute, pipeline::CandidateSink& sink);

 private:
  void emit(pipeline::CandidateSink& sink, indicators::IndicatorType type, std::string_view value, bool continues);

  MispMapOptions options_;
  pipeline::Candidate candidate_;
  std::vector<std::string_view> event_tags_;
  std::vector<std::string_view> event_techniques_;
  std::string date_;
  MispAttribute record_;  // map_attribute_record's, reused
};

}  // namespace tcfeed::connectors::misp
