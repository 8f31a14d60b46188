#pragma once
// Why a connector did not map a record, or left it out: one enumerator per reason, so every connector counts the
// same reason under the same tcfeed_unmapped_total label (free-form strings drifted: "malformed
// record" beside "malformed row" split one series in two).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tcfeed::pipeline {

// Append only. Every enumerator is emitted by some connector: one nothing emits is removed.
enum class Unmapped : std::uint8_t {
  // Any connector that reads records
  Malformed,  // not what the feed's format says: JSON simdjson refused, a CSV row of the wrong width, a
              // required field that does not parse
  Oversized,  // over the format reader's max_record_bytes
  TooDeep,    // JSON nested deeper than the reader's max_depth
  // What the connector was told to skip
  Offline,             // urlhaus, feodo: include_offline is false
  BelowMinConfidence,  // threatfox: min_confidence
  IocTypeNotSelected,  // threatfox: ioc_types
  // A field the connector needs, absent or not usable
  UnknownIocType,   // threatfox: an ioc_type ThreatFox does not document
  MalformedIpPort,  // threatfox: an ip:port without an address or port
  MalformedHash,    // malwarebazaar: a hash with a space or ':' in it
  NoHash,           // malwarebazaar: none of md5, sha1, sha256
  MissingId,        // csv/json, mode incremental: no positive numeric id
  MissingValue,     // csv/json: the value's field is empty
  UnmappedType,     // csv/json: a type word type_map does not list; misp: an attribute type tcfeed does not map
  // Any connector that reads CSV
  BrokenQuote,  // quotes that do not pair up (`"a"x,b`, a quote never closed): the line is dropped
  // What an incremental poll leaves out by design
  AlreadyRead,     // at or below the cursor: read by an earlier poll
  BeforeBackfill,  // a first poll: older than `backfill`
  Filtered,        // csv/json: the connector's `filter` does not pass it
  // taxii21: a STIX 2.1 indicator whose pattern is not one tcfeed maps (docs/feeds.md, TAXII 2.1):
  // counted, never guessed
  PatternNotStix,     // pattern_type is not "stix" (sigma, snort, yara…)
  PatternSyntax,      // not a STIX pattern: the grammar does not read it
  PatternTooLarge,    // longer, deeper or with more comparisons than the reader's bounds
  PatternAnd,         // AND between comparisons or observations: one indicator would stand for a conjunction
  PatternFollowedBy,  // FOLLOWEDBY: a sequence of observations
  PatternQualifier,   // WITHIN, START/STOP, REPEATS
  PatternOperator,    // a comparison other than '=': !=, <, >, IN, LIKE, MATCHES, ISSUBSET, EXISTS, NOT…
  PatternObject,      // an object path tcfeed does not map (e.g. file:name, network-traffic:dst_port)
  PatternLiteral,     // '=' to something other than a string: a number, t'', h'', b'', a boolean
  // taxii21: a STIX object left out
  Revoked,             // revoked: true
  Expired,             // valid_until is past (otx: expiration is past)
  NotIndicator,        // another STIX object type (identity, marking…), or a group object with `groups: false`
  StixGroup,           // a STIX group object or relationship, read for the associations it makes
  AssociationDropped,  // a STIX group object or relationship beyond the poll's bounds (docs/feeds.md)
  // otx: a pulse indicator left out
  OtxTypeUnsupported,  // an indicator type tcfeed does not map (CVE, YARA, Mutex, FilePath…)
  Inactive,            // is_active is 0: OTX itself no longer calls it active
  // taxii21: a STIX relationship whose end tcfeed never mapped (an unsupported pattern, a value
  // refused, an object it never read) or no longer remembers (docs/feeds.md, TAXII 2.1, Groups)
  AssociationUnresolved,
};

// The tcfeed_unmapped_total `reason` label, e.g. "malformed_row": a short code, stable however the
// text is worded, because alerts and dashboards select on it.
std::string_view unmapped_code(Unmapped reason);

// The reason as the run log writes it.
std::string_view unmapped_text(Unmapped reason);

// Whether a record counted for `reason` was not read whole: the format could not be parsed there
// (malformed, oversized, too deep, a broken quote), so what the record listed is unknown. A full
// list with such a record is incomplete: nothing may be taken for removed from it
// (docs/architecture.md, Full lists and expiry).
bool unmapped_unread(Unmapped reason);

// Whether a record counted for `reason` was left out because the configuration or the cursor said
// so (offline, below min_confidence, already read…), not because it could not be mapped. The run
// summary counts the two apart: every record read is mapped, unmapped or skipped.
bool unmapped_skip(Unmapped reason);

// The reason whose code is `code` (a label read back), or nullopt.
std::optional<Unmapped> unmapped_from_code(std::string_view code);

// Every reason, in enum order (the series exported at 0, the reasons table of docs/reasons.md).
std::span<const Unmapped> all_unmapped();

}  // namespace tcfeed::pipeline
