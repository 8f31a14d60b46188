#pragma once
// The connector contract (docs/architecture.md, Connector). A connector knows one source and nothing about
// ThreatConnect: it fetches with its cursor, hands each record's indicator candidates to a sink,
// and returns the next cursor. Normalizing, policy, dedupe and delivery happen downstream.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/candidate_group.hpp"
#include "lib/pipeline/connector/candidate_link.hpp"
#include "lib/pipeline/connector/unmapped.hpp"
#include "lib/state/cursor.hpp"

namespace tcfeed::pipeline {

// One indicator a record yields, before normalization. Views are valid during accept() only.
struct Candidate {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::string_view value;
  std::optional<int> rating;  // when the source gives one, through the connector's mapping
  std::optional<int> confidence;
  std::vector<std::string_view> tags;
  // ThreatConnect attributes (type, value), e.g. {"Source", "https://urlhaus.abuse.ch/url/1/"},
  // {"Port", "8080"}. Sent with attributeWriteType Singleton, so a re-send replaces, never stacks.
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  // ATT&CK as the source gives it: technique references ("T1566", "Phishing - T1566") and a tactic.
  std::vector<std::string_view> attack_techniques;
  std::optional<std::string_view> attack_tactic;
  // The source itself calls this whitelisted, benign or a false positive: policy drops it
  // (docs/threatconnect.md, Malicious data only).
  bool benign = false;
  // The source says whether the indicator is live (Feodo's online/offline). Absent: the platform's
  // flag is left as it is. A source that says it must say it either way, so a return is sent too.
  std::optional<bool> active;
  // Another candidate of the record the previous one came from (URLhaus's URL and its host): the
  // run counts records that yielded candidates, so a record is counted once however many it yields.
  bool continues_record = false;
  // The groups the indicator belongs to (a MISP event, a malware family…), when the connector's
  // `groups` is on; each is sent once per job with the indicator associated to it.
  std::vector<CandidateGroup> groups;
  // The source's own id of the record (a STIX indicator's id), when a later association may name
  // it (CandidateLink): the stream remembers what it became, for this run and later ones.
  std::string_view source_ref;
};

class CandidateSink {
 public:
  virtual ~CandidateSink() = default;
  virtual void accept(const Candidate& candidate) = 0;
  // A record the connector could not map, with the reason (counted per reason).
  virtual void unmapped(Unmapped reason) = 0;
  // A hint that about `records` records follow, before the first: a sink may size its tables once
  // instead of growing them as the records come. Never a promise.
  virtual void expect(std::size_t records) { (void)records; }
  // A checkpoint (docs/architecture.md, Checkpoints): a poll resumed from the cursor `cursor()`
  // returns loses nothing of what was handed to this sink before the call. The run may commit
  // everything so far to the outbox with that cursor, in one transaction, or let the offer pass (it
  // spaces commits out); `cursor` is called only when it commits, so a costly cursor is built only
  // then. A full-list connector never offers one: its removals need the whole list.
  virtual void checkpoint(const std::function<state::Cursor()>& cursor) { (void)cursor; }
  // A group no candidate of this poll belongs to (a STIX malware object read on its own): sent
  // when new or changed, and remembered by its source_id so that a later association can name it.
  virtual void group(const CandidateGroup& group) { (void)group; }
  // An association between two objects mapped in this run or an earlier one (candidate_link.hpp).
  // Returns whether it is sent: false when an end is unknown (never mapped, refused, forgotten) or
  // the pair is not one the platform associates this way. The caller counts the record.
  virtual bool associate(const CandidateLink& link) {
    (void)link;
    return false;
  }
};

struct PollResult {
  state::Cursor next;
  bool not_modified = false;  // the source answered 304: nothing new
  std::size_t records = 0;    // records read from the source
  // The poll read the source's whole current list (a full-list feed), so what is missing from it
  // was removed at the source (docs/architecture.md, Full lists and expiry). False for incremental polls.
  bool full_list = false;
  // Until when the source says this list stays as it is (Spamhaus's `Expires`), as a unix time: the
  // schedule does not poll again before it (docs/architecture.md, Engine). Unset: `every` alone.
  std::optional<std::int64_t> expires_unix = std::nullopt;
};

class Connector {
 public:
  virtual ~Connector() = default;
  // Reads what is new since `previous` into `sink`. Throws SourceError when the source fails.
  virtual PollResult poll(const state::Cursor& previous, CandidateSink& sink) = 0;
  // Whether every poll reads the source's whole current list (PollResult::full_list), known
  // before any poll: config checks `removed` and `expire_after` against it.
  virtual bool full_list() const { return false; }
};

}  // namespace tcfeed::pipeline
