#include "lib/pipeline/run/removal_batches.hpp"

#include "lib/pipeline/run/job_settings.hpp"
#include "lib/pipeline/stream/dedupe.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::pipeline {

RemovalBatches::RemovalBatches(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                               const config::Config& global, SeenSet& seen, Action action, std::int64_t now_unix)
    : state_(state),
      run_(run),
      connector_(connector),
      seen_(seen),
      action_(action),
      now_unix_(now_unix),
      settings_(job_settings(connector, action == Action::Delete ? "Delete" : "Create")),
      assembler_(static_cast<std::size_t>(global.batch.max_indicators),
                 static_cast<std::size_t>(global.batch.max_bytes)) {}

void RemovalBatches::add(const state::SnapshotMember& member) {
  const auto type = indicators::parse_indicator_type(member.type);
  if (!type) return;  // written by this tcfeed: cannot happen short of a damaged file
  threatconnect::IndicatorItem removal;
  removal.type = *type;
  removal.summary = member.value;
  // A deactivation sends only the flag; a Delete job needs nothing but the summary.
  if (action_ == Action::Deactivate) removal.active = false;
  item_.clear();
  threatconnect::append_indicator_json(item_, removal);
  if (!assembler_.fits(item_)) flush();
  assembler_.add(item_);
  // Forgotten, so an entry that comes back is sent again at once.
  forgotten_.push_back({member.key, kTakenBack.content, kTakenBack.sent_at});
  seen_.put(member.key, kTakenBack.content, kTakenBack.sent_at);
  ++count_;
}

void RemovalBatches::flush() {
  if (assembler_.empty()) return;
  state_.stage_batch(run_, connector_.name, connector_.owner, settings_, assembler_.finish(),
                     static_cast<std::int64_t>(assembler_.count()), now_unix_);
  state_.stage_seen(run_, connector_.name, forgotten_);
  assembler_.reset();
  forgotten_.clear();
}

void RemovalBatches::finish() { flush(); }

}  // namespace tcfeed::pipeline
