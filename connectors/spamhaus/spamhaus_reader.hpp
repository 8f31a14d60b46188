#pragma once
// Reads a Spamhaus DROP, DROPv6 or ASN-DROP file into the mapper, in either form, told apart by
// content (docs/feeds.md, Spamhaus DROP):
//
// - JSON lines (drop_v4.json, drop_v6.json, asndrop.json): an object a line, {"cidr","sblid","rir"}
//   or {"asn","rir","domain","cc","asname"}, and last a {"type":"metadata",…,"records":N} line. A
//   file whose metadata line is missing, not last, or counts other than the lines read is refused
//   whole (SourceError): a cut download must fail the poll, never pass for a shorter list whose
//   missing entries would be removed.
// - text (drop.txt, dropv6.txt, asndrop.txt): `;` comment lines, among them `; Expires: <date>`,
//   then `192.0.2.0/24 ; SBL123` or `AS64496 ; CC | name` a line. A last line without its newline
//   was cut off: it is counted malformed, not read as an entry.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "connectors/spamhaus/spamhaus_mapper.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::spamhaus {

// A DROP line is a few dozen bytes; a longer one is not an entry (counted oversized).
inline constexpr std::size_t kMaxLineBytes = 4096;

enum class Form { JsonLines, Text };

struct ReadResult {
  std::size_t records = 0;  // entries read, mapped or not (the metadata and comment lines are none)
  Form form = Form::Text;
  // The text form's `; Expires:` header, as a unix time; unset when absent or not a date.
  std::optional<std::int64_t> expires_unix;
};

// Throws SourceError when the source fails or the JSON-lines file is incomplete (above).
ReadResult read_spamhaus(std::unique_ptr<pipeline::ByteSource> source, pipeline::CandidateSink& sink);

}  // namespace tcfeed::connectors::spamhaus
