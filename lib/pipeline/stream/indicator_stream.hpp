#pragma once
// The stages after the connector, streaming (docs/architecture.md, Stream): drop what the source calls benign,
// normalize + validate, drop allowlisted values, apply rating/confidence precedence, tags and
// ATT&CK, skip what was already delivered unchanged (the seen set), and pack the rest into upload
// documents handed to a BatchSink as each fills. Nothing per feed is held in memory but the seen
// set; nothing per record is allocated once the buffers are warm.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/tag_set.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/stream/audit_log.hpp"
#include "lib/pipeline/stream/batch_assembler.hpp"
#include "lib/pipeline/stream/counters.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/pipeline/stream/screening.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/pipeline/stream/source_ref_memory.hpp"
#include "lib/pipeline/stream/tag_memo.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

// Where finished documents go: the outbox (staged with the run) or, for --dry-run, files.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // `seen`: the fingerprints of the indicators in `document`, to persist with it.
  virtual void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) = 0;
  // The indicators of a full list, sent or not, when `StreamSettings::collect_members`.
  virtual void members(std::span<const state::SnapshotMember> members) { (void)members; }
  // Whether a checkpoint offered now would be committed (docs/architecture.md, Checkpoints); the
  // stream then hands over its partly filled document and calls checkpoint().
  virtual bool checkpoint_due() const { return false; }
  // Everything of the poll so far has been handed over: commit it with `cursor`.
  virtual void checkpoint(const state::Cursor& cursor) { (void)cursor; }
  // What source ids became (source_ref_memory.hpp), to keep with the run.
  virtual void source_refs(std::span<const state::SourceRef> refs) { (void)refs; }
};

struct StreamSettings {
  std::uint32_t run_stamp = 0;        // this run's sent_at; later than any earlier run's of the connector
  std::uint32_t refresh_seconds = 0;  // re-send an unchanged indicator after this long
  bool collect_members = false;       // hand every valid indicator to BatchSink::members
  AuditLog* audit = nullptr;          // a line per record and candidate (docs/audit.md); off unless set
  // Remembers source ids and answers associations across polls; off (associate() refuses) unless set.
  SourceRefMemory* refs = nullptr;
};

class IndicatorStream final : public CandidateSink {
 public:
  // `stripped_tags`: the feed's and vendor's own names, never sent as tags (the owner carries them).
  // `seen`: the connector's seen set; updated as indicators are queued.
  IndicatorStream(const config::ConnectorConfig& connector, const config::Config& global, const Policy& policy,
                  std::span<const std::string> stripped_tags, SeenSet& seen, StreamSettings settings, BatchSink& sink,
                  RunCounters& counters);

  void accept(const Candidate& candidate) override;
  // accept() once screen() gave `screening` and `normalized`, elsewhere: on the reading thread,
  // for the stream's own (stream_thread.hpp). Neither is looked at for a benign candidate.
  void accept_screened(const Candidate& candidate, const Screening& screening, std::string_view normalized);
  void unmapped(Unmapped reason) override;
  // Sizes the seen set for about `records` indicators at once: growing it step by step rehashes
  // every entry at each step and zeroes tables only to drop them.
  void expect(std::size_t records) override;
  // When the sink wants it: hands over the partly filled document and the members so far, then the
  // connector's cursor.
  void checkpoint(const std::function<state::Cursor()>& cursor) override;
  void group(const CandidateGroup& group) override;
  bool associate(const CandidateLink& link) override;
  // Hands over the last, partly filled document.
  void finish();

 private:
  int rating_of(const Candidate& candidate);
  int confidence_of(const Candidate& candidate);
  void collect_tags(const Candidate& candidate);
  void count_tag_losses(const TagMemo::Outcome& outcome);
  void serialize(const Candidate& candidate);       // into fields_ and item_
  void prepare_groups(const Candidate& candidate);  // into groups_ and group_xids_
  // One group into groups_[group_count_]; false when it has no name or the record listed it already.
  bool prepare_group(const CandidateGroup& group);
  // The candidate (queued, unchanged or a repeat) and its groups, for later associations.
  void remember_refs(const Candidate& candidate);
  void flush_refs(std::size_t at_least);
  // The bytes the record's groups that the current document lacks would add to it.
  std::size_t missing_group_bytes() const;
  void add_group(std::size_t index);
  // A group whose indicators all stay unchanged is sent alone when it changed itself.
  void send_changed_groups();
  void queue(std::uint64_t key, std::uint32_t content, bool seen_before);
  void flush();
  void add_member(std::uint64_t key, indicators::IndicatorType type);
  void flush_members();
  // The audit line of `candidate` (only with StreamSettings::audit); `sent` is normalized_ once
  // normalization accepted the value.
  void audit(const Candidate& candidate, bool normalized, std::string_view outcome, std::string_view reason,
             std::string_view rule);
  std::string seen_rule(const SeenSet::Entry* previous, std::uint32_t content, bool reactivate) const;

  const config::ConnectorConfig& connector_;
  const config::Config& global_;
  const Policy& policy_;
  std::span<const std::string> stripped_tags_;
  SeenSet& seen_;
  StreamSettings settings_;
  BatchSink& sink_;
  RunCounters& counters_;
  std::array<std::uint64_t, indicators::kAllIndicatorTypes.size()> key_seeds_{};  // per (owner, connector, type)
  BatchAssembler assembler_;
  std::vector<state::SeenEntry> batch_seen_;
  std::vector<state::SnapshotMember> members_;
  std::size_t member_count_ = 0;  // used entries of members_, whose strings keep their capacity
  // Per-record buffers, reused.
  std::string normalized_;
  std::string_view sent_;                // the value as sent: normalized_, or what accept_normalized was given
  threatconnect::IndicatorItem fields_;  // the item being built: views into these buffers
  std::string item_;                     // its JSON
  indicators::TagSet tags_;
  TagMemo tag_memo_;
  TagMemo::Outcome tag_losses_;  // what cleaning took from this record's tags (and, once known, its tags)
  std::vector<std::string_view> tag_views_;
  std::vector<std::string_view> labels_;      // the connector's security labels
  std::vector<std::string> attack_tags_;      // ATT&CK tags of the record, owned here
  const WarninglistInfo* flagged_ = nullptr;  // the tag-only warninglist the value is on
  std::string audit_rule_;                    // the seen set's verdict, for the audit line of a queued value
  std::vector<std::pair<std::string_view, std::string_view>> attributes_;
  // The record's groups (docs/architecture.md, Groups), reused; group_count_ of them in use.
  struct PreparedGroup {
    std::uint64_t key = 0;      // seen-set key, from the xid
    std::uint32_t content = 0;  // fingerprint of `json`
    std::string xid;
    std::string json;
    std::string source_id;  // the source's id for it, when it has one (a later association names it)
  };
  std::uint64_t group_seed_ = 0;  // per (owner, connector), apart from every indicator type's
  std::vector<PreparedGroup> groups_;
  std::size_t group_count_ = 0;
  std::vector<std::string_view> group_xids_;
  indicators::TagSet group_tags_;
  std::vector<std::string_view> group_tag_views_;
  std::unordered_set<std::uint64_t> job_groups_;  // the groups the current document carries
  std::uint64_t association_seed_ = 0;            // seen-set keys of associations, per (owner, connector)
  std::string association_;                       // the association entry being built
};

}  // namespace tcfeed::pipeline
