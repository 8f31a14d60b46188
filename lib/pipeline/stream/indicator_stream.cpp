#include "lib/pipeline/stream/indicator_stream.hpp"

#include <algorithm>
#include <ctime>

#include "lib/core/fingerprint.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/indicators/attack_tags.hpp"
#include "lib/indicators/reject.hpp"
#include "lib/indicators/tags.hpp"
#include "lib/pipeline/stream/dedupe.hpp"
#include "lib/pipeline/stream/reasons.hpp"
#include "lib/threatconnect/association_json.hpp"
#include "lib/threatconnect/group_json.hpp"
#include "lib/threatconnect/group_xid.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kMembersPerFlush = 4096;
constexpr std::size_t kRefsPerFlush = 4096;

}  // namespace

IndicatorStream::IndicatorStream(const config::ConnectorConfig& connector, const config::Config& global,
                                 const Policy& policy, std::span<const std::string> stripped_tags, SeenSet& seen,
                                 StreamSettings settings, BatchSink& sink, RunCounters& counters)
    : connector_(connector),
      global_(global),
      policy_(policy),
      stripped_tags_(stripped_tags),
      seen_(seen),
      settings_(settings),
      sink_(sink),
      counters_(counters),
      assembler_(static_cast<std::size_t>(global.batch.max_indicators),
                 static_cast<std::size_t>(global.batch.max_bytes)) {
  // docs/architecture.md, Stream: the seen set is keyed by (owner, connector, type, value); the first three are the
  // same for the whole run, so they seed the fingerprint of the value.
  for (const auto& label : connector.security_labels) labels_.emplace_back(label);
  for (const auto type : indicators::kAllIndicatorTypes) {
    key_seeds_[static_cast<std::size_t>(type)] = seen_key_seed(connector.owner, connector.name, type);
  }
  // Group xids are unique on the instance, but the seen set is per owner: a group goes to each
  // owner it belongs in. The separator keeps the scope apart from any indicator type's.
  group_seed_ = fingerprint64(connector.owner + '\x1f' + connector.name + "\x1f\x1egroup");
  association_seed_ = fingerprint64(connector.owner + '\x1f' + connector.name +
                                    "\x1f\x1e"
                                    "association");
}

void IndicatorStream::unmapped(Unmapped reason) {
  ++counters_.unmapped[reason];
  if (settings_.audit != nullptr) [[unlikely]]
    settings_.audit->record(reason);
}

int IndicatorStream::rating_of(const Candidate& candidate) {
  // docs/threatconnect.md, Rating and confidence: the source's value, else the connector's, else the global default.
  if (!candidate.rating) return connector_.rating.value_or(global_.default_rating);
  const int clamped = std::clamp(*candidate.rating, 0, 5);
  if (clamped != *candidate.rating) ++counters_.clamped;
  return clamped;
}

int IndicatorStream::confidence_of(const Candidate& candidate) {
  if (!candidate.confidence) return connector_.confidence.value_or(global_.default_confidence);
  const int clamped = std::clamp(*candidate.confidence, 0, 100);
  if (clamped != *candidate.confidence) ++counters_.clamped;
  return clamped;
}

void IndicatorStream::collect_tags(const Candidate& candidate) {
  // The source's tags alone decide the result, unless a warninglist or ATT&CK adds to them.
  const bool memorable = flagged_ == nullptr && candidate.attack_techniques.empty() && !candidate.attack_tactic;
  if (memorable) {
    if (const TagMemo::Outcome* known = tag_memo_.find(candidate.tags)) {
      count_tag_losses(*known);
      tag_views_.assign(known->tags.begin(), known->tags.end());
      return;
    }
  }
  tags_.clear();
  attack_tags_.clear();
  tag_losses_.cut = 0;
  tag_losses_.dropped.clear();
  for (const auto& tag : connector_.tags) tags_.add(tag, stripped_tags_);
  if (flagged_ != nullptr) tags_.add(flagged_->tag, {});
  for (std::string_view tag : candidate.tags) {
    indicators::Reject loss = indicators::Reject::None;
    tags_.add(tag, stripped_tags_, &loss);
    if (loss == indicators::Reject::TooLong) {
      ++tag_losses_.cut;
    } else if (loss != indicators::Reject::None) {
      tag_losses_.dropped.push_back(loss);
    }
  }
  count_tag_losses(tag_losses_);
  const auto add_attack = [&](std::optional<std::string_view> technique) {
    auto result =
        indicators::attack_tag(policy_.attack_catalog, technique, candidate.attack_tactic, policy_.attack_format);
    if (result.tag) attack_tags_.push_back(std::move(*result.tag));
    if (result.outcome == indicators::AttackTagResult::Outcome::UnknownTechnique) ++counters_.attack_unknown;
  };
  for (std::string_view technique : candidate.attack_techniques) add_attack(technique);
  if (candidate.attack_techniques.empty() && candidate.attack_tactic) add_attack(std::nullopt);
  // Added once all are collected: the set refers to them.
  for (const auto& tag : attack_tags_) tags_.add(tag, {});
  tag_views_.clear();
  for (std::size_t i = 0; i < tags_.size(); ++i) tag_views_.push_back(tags_[i]);
  if (memorable) {
    tag_losses_.tags = tag_views_;
    tag_memo_.remember(candidate.tags, tag_losses_);
  }
}

void IndicatorStream::count_tag_losses(const TagMemo::Outcome& outcome) {
  // What cleaning took from the source's own text is counted, never lost without a trace.
  counters_.tags_cut += outcome.cut;
  for (const indicators::Reject loss : outcome.dropped)
    ++counters_.tags_dropped[std::string(indicators::reject_id(loss))];
}

void IndicatorStream::expect(std::size_t records) {
  // A hint from a file's size, so capped: a file of a few huge rows must not reserve gigabytes.
  constexpr std::size_t kMostReserved = std::size_t{1} << 22;
  seen_.reserve(std::max(seen_.size(), std::min(records, kMostReserved)));
}

void IndicatorStream::accept(const Candidate& candidate) {
  const Screening screening = screen(policy_, candidate, normalized_);
  accept_screened(candidate, screening, normalized_);
}

void IndicatorStream::accept_screened(const Candidate& candidate, const Screening& screening,
                                      std::string_view normalized) {
  if (!candidate.continues_record) ++counters_.records_mapped;
  ++counters_.candidates;
  flagged_ = nullptr;
  if (candidate.benign) {
    ++counters_.dropped[std::string(kBenign)];
    if (settings_.audit != nullptr) [[unlikely]]
      audit(candidate, false, "dropped", kBenign, "the source's own verdict (benign)");
    return;
  }
  sent_ = normalized;
  if (screening.reject != indicators::Reject::None) {
    ++counters_.rejected[std::string(rejected_code(screening.reject))];
    if (settings_.audit != nullptr) [[unlikely]]
      audit(candidate, false, "rejected", rejected_code(screening.reject), indicators::reject_text(screening.reject));
    return;
  }
  const std::uint64_t key = seen_key(key_seeds_[static_cast<std::size_t>(candidate.type)], sent_);
  // On a large seen set nearly every lookup misses the cache: the slot loads while the allowlist
  // is asked and the item is serialized, which all but a repeated value need anyway.
  seen_.prefetch(key);
  if (const auto allowlisted = screening.allowlisted) {
    ++counters_.dropped[std::string(*allowlisted)];
    if (settings_.audit != nullptr) [[unlikely]] {
      const auto entry = policy_.allowlist.explain(candidate.type, sent_);
      audit(candidate, true, "dropped", *allowlisted, "allowlist " + entry.value_or(std::string(*allowlisted)));
    }
    return;
  }
  flagged_ = screening.flagged;
  if (flagged_ != nullptr) {
    if (flagged_->action == WarninglistAction::Drop) {
      ++counters_.dropped[flagged_->reason];
      if (settings_.audit != nullptr) [[unlikely]]
        audit(candidate, true, "dropped", flagged_->reason,
              "warninglist " + flagged_->id + " (" + flagged_->name + ")");
      return;
    }
    ++counters_.warninglisted[flagged_->id];
  }
  if (settings_.collect_members) add_member(key, candidate.type);
  serialize(candidate);
  const SeenSet::Entry* previous = seen_.find(key);
  const auto content = static_cast<std::uint32_t>(fingerprint64(item_));
  const bool reactivate = previous != nullptr && taken_back(*previous);
  switch (judge_seen(previous, content, settings_.run_stamp, settings_.refresh_seconds)) {
    case SeenVerdict::Unchanged:
      ++counters_.unchanged;
      send_changed_groups();
      remember_refs(candidate);
      if (settings_.audit != nullptr) [[unlikely]]
        audit(candidate, true, "unchanged", {}, seen_rule(previous, content, reactivate));
      return;
    case SeenVerdict::DuplicateInRun:
      ++counters_.duplicates;
      send_changed_groups();
      remember_refs(candidate);
      if (settings_.audit != nullptr) [[unlikely]]
        audit(candidate, true, "duplicate", {}, "seen set: queued earlier in this run");
      return;
    case SeenVerdict::Send: break;
  }
  // Read before queue() overwrites what the seen set held; a member, so the hot path builds no string.
  if (settings_.audit != nullptr) [[unlikely]]
    audit_rule_ = seen_rule(previous, content, reactivate);
  if (reactivate && !fields_.active) {
    // Serialized again with the flag, rarely: the content fingerprint stays that of the plain
    // item, so the next poll finds it unchanged and does not send it a second time. A source that
    // says whether the indicator is active has said it already.
    fields_.active = true;
    item_.clear();
    threatconnect::append_indicator_json(item_, fields_);
  }
  std::size_t all_group_bytes = 0;
  for (std::size_t i = 0; i < group_count_; ++i) all_group_bytes += groups_[i].json.size();
  if (!assembler_.fits_alone(item_, all_group_bytes, group_count_)) {
    ++counters_.rejected[std::string(kTooLargeForBatch)];
    if (settings_.audit != nullptr) [[unlikely]]
      audit(candidate, true, "rejected", kTooLargeForBatch, "batch.max_bytes");
    return;
  }
  queue(key, content, previous != nullptr);
  remember_refs(candidate);
  if (settings_.audit != nullptr) [[unlikely]]
    audit(candidate, true, "queued", {}, audit_rule_);
}

void IndicatorStream::remember_refs(const Candidate& candidate) {
  if (settings_.refs == nullptr) return;
  // What is queued or already on the platform: a later association may name it. A value refused
  // or dropped is never remembered, so an association to it is counted unresolved, not sent.
  settings_.refs->remember(candidate.source_ref, indicators::type_name(candidate.type), sent_);
  for (std::size_t i = 0; i < group_count_; ++i) {
    settings_.refs->remember(groups_[i].source_id, state::kGroupRefKind, groups_[i].xid);
  }
  flush_refs(kRefsPerFlush);
}

void IndicatorStream::flush_refs(std::size_t at_least) {
  if (settings_.refs == nullptr) return;
  auto& pending = settings_.refs->pending();
  if (pending.empty() || pending.size() < at_least) return;
  sink_.source_refs(pending);
  pending.clear();
}

void IndicatorStream::group(const CandidateGroup& group) {
  group_count_ = 0;
  if (!prepare_group(group)) return;
  group_xids_.clear();
  // Sent alone when new, changed or due, as a group of an unchanged indicator is.
  send_changed_groups();
  if (settings_.refs != nullptr) {
    settings_.refs->remember(groups_[0].source_id, state::kGroupRefKind, groups_[0].xid);
    flush_refs(kRefsPerFlush);
  }
  group_count_ = 0;
}

bool IndicatorStream::associate(const CandidateLink& link) {
  if (settings_.refs == nullptr) return false;
  const auto first = settings_.refs->find(link.ref_1);
  const auto second = settings_.refs->find(link.ref_2);
  const auto end_of = [](const state::SourceRef& ref) -> std::optional<threatconnect::AssociationEnd> {
    if (ref.kind == state::kGroupRefKind) return threatconnect::AssociationEnd{ref.value, std::nullopt};
    const auto type = indicators::parse_indicator_type(ref.kind);
    if (!type) return std::nullopt;
    return threatconnect::AssociationEnd{ref.value, type};
  };
  bool made = false;
  for (const auto& a : first) {
    for (const auto& b : second) {
      auto one = end_of(a);
      auto two = end_of(b);
      // Two indicators need an associationType the platform defines per pair of types: not made.
      if (!one || !two || (one->type && two->type)) continue;
      if (two->type) std::swap(one, two);  // the indicator first
      association_.clear();
      threatconnect::append_association_json(association_, *one, *two);
      made = true;
      // The seen set keeps it like an indicator: sent once, again after delivery.refresh.
      const std::uint64_t key = fingerprint64(association_, association_seed_);
      const SeenSet::Entry* previous = seen_.find(key);
      if (judge_seen(previous, 1, settings_.run_stamp, settings_.refresh_seconds) != SeenVerdict::Send) continue;
      if (!assembler_.fits_association_alone(association_)) continue;
      if (!assembler_.fits_association(association_)) flush();
      assembler_.add_association(association_);
      seen_.put(key, 1, settings_.run_stamp);
      batch_seen_.push_back({key, 1, settings_.run_stamp});
      ++counters_.associations;
    }
  }
  return made;
}

void IndicatorStream::audit(const Candidate& candidate, bool normalized, std::string_view outcome,
                            std::string_view reason, std::string_view rule) {
  AuditedCandidate line;
  line.type = candidate.type;
  line.read = candidate.value;
  if (normalized) line.sent = sent_;
  line.outcome = outcome;
  line.reason = reason;
  line.rule = rule;
  for (const auto& [type, value] : candidate.attributes) {
    if (type == "Source") line.source = value;
  }
  if (flagged_ != nullptr && flagged_->action == WarninglistAction::Tag) line.warninglist = flagged_->id;
  settings_.audit->candidate(!candidate.continues_record, line);
}

std::string IndicatorStream::seen_rule(const SeenSet::Entry* previous, std::uint32_t content, bool reactivate) const {
  if (previous == nullptr) return "seen set: new";
  if (reactivate) return "seen set: taken back earlier (deactivated or deleted), sent again";
  const std::string when = "sent " + utc_text(previous->sent_at);
  if (previous->content != content) return "seen set: changed since " + when;
  if (settings_.run_stamp - previous->sent_at < settings_.refresh_seconds) return "seen set: unchanged, " + when;
  return "seen set: unchanged since " + when + ", older than delivery.refresh";
}

void IndicatorStream::serialize(const Candidate& candidate) {
  collect_tags(candidate);
  attributes_.clear();
  for (const auto& [type, value] : candidate.attributes) {
    if (!type.empty() && !value.empty()) attributes_.emplace_back(type, value);
  }
  fields_ = {};
  fields_.type = candidate.type;
  fields_.summary = sent_;
  fields_.rating = rating_of(candidate);
  fields_.confidence = confidence_of(candidate);
  fields_.tags = tag_views_;
  fields_.security_labels = labels_;
  fields_.attributes = attributes_;
  fields_.active = candidate.active;
  prepare_groups(candidate);
  fields_.group_xids = group_xids_;
  item_.clear();
  threatconnect::append_indicator_json(item_, fields_);
}

void IndicatorStream::prepare_groups(const Candidate& candidate) {
  group_count_ = 0;
  group_xids_.clear();
  for (const auto& group : candidate.groups) prepare_group(group);
  // Views into groups_, which no longer grows for this record.
  for (std::size_t i = 0; i < group_count_; ++i) group_xids_.push_back(groups_[i].xid);
}

bool IndicatorStream::prepare_group(const CandidateGroup& group) {
  if (group.name.empty()) return false;
  if (group_count_ == groups_.size()) groups_.emplace_back();
  auto& prepared = groups_[group_count_];
  prepared.xid = threatconnect::group_xid(connector_.name, group.source_id.empty() ? group.name : group.source_id);
  prepared.key = fingerprint64(prepared.xid, group_seed_);
  // One group listed twice by a record is one association.
  const bool repeated = std::any_of(groups_.begin(), groups_.begin() + static_cast<std::ptrdiff_t>(group_count_),
                                    [&](const PreparedGroup& other) { return other.key == prepared.key; });
  if (repeated) return false;
  prepared.source_id = group.source_id;
  group_tags_.clear();
  for (const auto& tag : connector_.tags) group_tags_.add(tag, stripped_tags_);
  for (const auto tag : group.tags) group_tags_.add(tag, stripped_tags_);
  group_tag_views_.clear();
  for (std::size_t i = 0; i < group_tags_.size(); ++i) group_tag_views_.push_back(group_tags_[i]);
  threatconnect::GroupItem item;
  item.type = group.type;
  item.name = group.name;
  item.xid = prepared.xid;
  item.date = group.date;
  item.attributes = group.attributes;
  item.tags = group_tag_views_;
  item.security_labels = labels_;
  prepared.json.clear();
  threatconnect::append_group_json(prepared.json, item);
  prepared.content = static_cast<std::uint32_t>(fingerprint64(prepared.json));
  ++group_count_;
  return true;
}

std::size_t IndicatorStream::missing_group_bytes() const {
  std::size_t bytes = 0, added = 0;
  for (std::size_t i = 0; i < group_count_; ++i) {
    if (job_groups_.contains(groups_[i].key)) continue;
    bytes += assembler_.group_cost(groups_[i].json.size(), added++);
  }
  return bytes;
}

void IndicatorStream::add_group(std::size_t index) {
  const auto& group = groups_[index];
  assembler_.add_group(group.json);
  job_groups_.insert(group.key);
  ++counters_.groups;
  // Recorded once per run: a group written into several jobs of one run is one seen entry.
  const SeenSet::Entry* previous = seen_.find(group.key);
  if (previous != nullptr && previous->sent_at == settings_.run_stamp) return;
  seen_.put(group.key, group.content, settings_.run_stamp);
  batch_seen_.push_back({group.key, group.content, settings_.run_stamp});
}

void IndicatorStream::send_changed_groups() {
  for (std::size_t i = 0; i < group_count_; ++i) {
    const auto& group = groups_[i];
    if (job_groups_.contains(group.key)) continue;
    const auto verdict =
        judge_seen(seen_.find(group.key), group.content, settings_.run_stamp, settings_.refresh_seconds);
    if (verdict != SeenVerdict::Send || !assembler_.fits_alone({}, group.json.size(), 1)) continue;
    if (!assembler_.fits_group(group.json.size())) flush();
    add_group(i);
  }
}

void IndicatorStream::queue(std::uint64_t key, std::uint32_t content, bool seen_before) {
  if (!assembler_.fits(item_, missing_group_bytes())) flush();
  // docs/threatconnect.md, Groups: every job that references a group carries it, before its indicators.
  for (std::size_t i = 0; i < group_count_; ++i) {
    if (!job_groups_.contains(groups_[i].key)) add_group(i);
  }
  assembler_.add(item_);
  if (seen_before) {
    seen_.put(key, content, settings_.run_stamp);
  } else {
    seen_.put_absent(key, content, settings_.run_stamp);
  }
  batch_seen_.push_back({key, content, settings_.run_stamp});
  ++counters_.indicators;
}

void IndicatorStream::flush() {
  if (assembler_.empty()) return;
  const std::size_t count = assembler_.count();
  sink_.batch(assembler_.finish(), count, batch_seen_);
  ++counters_.jobs;
  assembler_.reset();
  batch_seen_.clear();
  job_groups_.clear();
}

void IndicatorStream::add_member(std::uint64_t key, indicators::IndicatorType type) {
  if (member_count_ == members_.size()) members_.emplace_back();
  auto& member = members_[member_count_++];
  member.key = key;
  member.type = indicators::type_name(type);
  member.value = sent_;
  if (member_count_ == kMembersPerFlush) flush_members();
}

void IndicatorStream::flush_members() {
  if (member_count_ == 0) return;
  sink_.members(std::span(members_).first(member_count_));
  member_count_ = 0;
}

void IndicatorStream::checkpoint(const std::function<state::Cursor()>& cursor) {
  if (!sink_.checkpoint_due()) return;
  flush();
  flush_members();
  flush_refs(1);
  sink_.checkpoint(cursor());
}

void IndicatorStream::finish() {
  flush();
  flush_members();
  flush_refs(1);
}

}  // namespace tcfeed::pipeline
