// `tcfeed why VALUE`: "why would, or was, this value dropped?" for one value without a run
// (docs/audit.md): each stage's verdict with the rule that decided, then each connector's seen set.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "daemon/type_names.hpp"
#include "lib/config/config_error.hpp"
#include "lib/core/duration.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/pipeline/stream/allowlist.hpp"
#include "lib/pipeline/stream/dedupe.hpp"
#include "lib/pipeline/stream/reasons.hpp"
#include "lib/pipeline/stream/value_verdict.hpp"

namespace tcfeed::cli {
namespace {

void stage(const char* name, const std::string& verdict) {
  std::printf("%-13s %s\n", name, log_escaped(verdict).c_str());
}

// The seen set's answer for one connector; true when it would send the value again now.
bool print_seen(const config::Config& config, const config::ConnectorConfig& connector, const state::StateStore* state,
                const pipeline::ValueVerdict& verdict) {
  const std::string who = connector.name + " (owner '" + connector.owner + "')";
  if (state == nullptr) {
    stage("seen set:", who + ": never sent (no state file yet)");
    return true;
  }
  const auto entry = pipeline::seen_entry(*state, connector, verdict.type, verdict.normalized);
  if (!entry) {
    stage("seen set:", who + ": never sent: the next poll that lists it sends it");
    return true;
  }
  if (pipeline::taken_back(*entry)) {
    stage("seen set:", who + ": taken back (deactivated or deleted): sent again, active, when the feed lists it");
    return true;
  }
  const auto refresh = std::chrono::duration_cast<std::chrono::seconds>(config.refresh).count();
  const std::int64_t due = static_cast<std::int64_t>(entry->sent_at) + refresh;
  if (due <= now_unix()) {
    stage("seen set:", who + ": sent " + utc_text(entry->sent_at) + ", older than delivery.refresh (" +
                           format_duration(config.refresh) + "): sent again when the feed lists it");
    return true;
  }
  stage("seen set:", who + ": sent " + utc_text(entry->sent_at) + "; unchanged, not sent again before " +
                         utc_text(due) + " (delivery.refresh " + format_duration(config.refresh) +
                         "); a change of rating, confidence, tags or attributes sends it sooner");
  return false;
}

}  // namespace

int why(const WhyArgs& args) {
  indicators::IndicatorType type = pipeline::Allowlist::inferred_type(args.value);
  if (args.type) {
    const auto parsed = parse_type_any_case(*args.type);
    if (!parsed) {
      std::fprintf(stderr, "tcfeed why: '%s' is not a standard indicator type; expected one of %s\n",
                   log_escaped(*args.type).c_str(), std::string(indicators::all_type_names_joined()).c_str());
      return kExitUsage;
    }
    type = *parsed;
  }
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), {.read_secrets = false});
  std::vector<const config::ConnectorConfig*> connectors;
  for (const auto& connector : config.connectors) {
    if (!args.connector || connector.name == *args.connector) connectors.push_back(&connector);
  }
  if (args.connector && connectors.empty()) {
    throw config::ConfigError("--connector " + *args.connector + ": no connector of that name in " + config.file);
  }
  const auto policy = pipeline::build_policy(config);
  const pipeline::ValueVerdict verdict = pipeline::judge_value(*policy, type, args.value);

  stage("value:", args.value);
  stage("type:", std::string(indicators::type_name(type)) + (args.type ? "" : " (guessed; --type TYPE to choose)"));
  if (verdict.reject != indicators::Reject::None) {
    stage("normalize:", "rejected: " + std::string(indicators::reject_text(verdict.reject)) + " [" +
                            std::string(pipeline::rejected_code(verdict.reject)) + "]");
    stage("verdict:", "rejected [" + std::string(pipeline::rejected_code(verdict.reject)) + "]: never sent");
    return kExitRejected;
  }
  stage("normalize:", "ok: sent as " + verdict.normalized);
  if (verdict.allowlist) {
    stage("allowlist:", "dropped by " + verdict.allowlist_rule + " [" + std::string(*verdict.allowlist) + "]");
  } else {
    stage("allowlist:", "not listed");
  }
  const bool warninglist_drops =
      verdict.warninglist != nullptr && verdict.warninglist->action == pipeline::WarninglistAction::Drop;
  if (verdict.warninglist == nullptr) {
    stage("warninglists:", "not listed");
  } else if (warninglist_drops) {
    stage("warninglists:", "dropped by " + verdict.warninglist->id + " (" + verdict.warninglist->name + ") [" +
                               verdict.warninglist->reason + "]");
  } else {
    stage("warninglists:", "on " + verdict.warninglist->id + " (" + verdict.warninglist->name +
                               "), tag-only: sent with the tag '" + verdict.warninglist->tag + "'");
  }
  // The stream stops at the first stage that drops: the allowlist, then the warninglists.
  if (verdict.allowlist || warninglist_drops) {
    const std::string code = verdict.allowlist ? std::string(*verdict.allowlist) : verdict.warninglist->reason;
    stage("verdict:", "dropped by policy [" + code + "]: never sent");
    return kExitDropped;
  }
  std::unique_ptr<state::StateStore> state;
  if (std::filesystem::exists(config.state_path)) {
    state = std::make_unique<state::StateStore>(config.state_path, state::StateStore::Mode::ReadOnly);
  }
  bool sends = connectors.empty();
  for (const auto* connector : connectors) sends = print_seen(config, *connector, state.get(), verdict) || sends;
  if (!sends) {
    stage("verdict:", "valid and allowed; sent already and unchanged within delivery.refresh");
    return kExitUnchanged;
  }
  stage("verdict:",
        "valid and allowed: sent when a feed lists it (unless its record is skipped or benign: the "
        "dry run's audit file shows those)");
  return kExitOk;
}

}  // namespace tcfeed::cli
