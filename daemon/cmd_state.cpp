// `tcfeed state`: what the state file holds — cursors, the outbox per owner, dead letters — and the
// two repairs an operator needs: forget a connector's position, and send dead letters again.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <set>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/counted.hpp"
#include "lib/core/json_writer.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/state/state_lock.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::cli {
namespace {

// Every section is printed, an empty one as "none", and every configured connector and owner has
// its line: an operator reading the output must not have to guess whether a missing line means
// "nothing there" or "not shown".
// `state` is null when nothing has run yet: every section is then "none".
int show(const config::Config& config, const state::StateStore* state, bool json) {
  const auto cursors = state ? state->cursors() : std::vector<std::pair<std::string, ::tcfeed::state::Cursor>>{};
  const auto backlog = state ? state->backlog() : std::vector<::tcfeed::state::OwnerBacklog>{};
  const auto members = [&](const std::string& name) -> std::int64_t { return state ? state->snapshot_size(name) : 0; };
  const auto mentions_of = [&](const std::string& name) -> std::int64_t {
    return state ? state->mention_count(name) : 0;
  };
  std::set<std::string> connector_names;
  for (const auto& connector : config.connectors) connector_names.insert(connector.name);
  for (const auto& [connector, cursor] : cursors) connector_names.insert(connector);
  std::set<std::string> owner_names;
  for (const auto& connector : config.connectors) owner_names.insert(connector.owner);
  for (const auto& entry : backlog) owner_names.insert(entry.owner);
  const auto cursor_of = [&](const std::string& name) -> const ::tcfeed::state::Cursor* {
    for (const auto& [connector, cursor] : cursors) {
      if (connector == name) return &cursor;
    }
    return nullptr;
  };
  const auto backlog_of = [&](const std::string& name) {
    for (const auto& entry : backlog) {
      if (entry.owner == name) return entry;
    }
    ::tcfeed::state::OwnerBacklog none;
    none.owner = name;
    return none;
  };
  if (json) {
    std::string out;
    JsonWriter writer(out);
    writer.begin_object().key("cursors").begin_array();
    for (const auto& [connector, cursor] : cursors) {
      writer.begin_object().key("connector").value(connector).key("position").value(cursor.position);
      writer.key("etag").value(cursor.etag).key("last_modified").value(cursor.last_modified).end_object();
    }
    writer.end_array().key("outbox").begin_array();
    for (const auto& owner : backlog) {
      writer.begin_object().key("owner").value(owner.owner).key("batches").value(owner.batches);
      writer.key("indicators").value(owner.indicators).key("oldest_created");
      if (owner.oldest_created_unix)
        writer.value(utc_text(*owner.oldest_created_unix));
      else
        writer.null();
      writer.key("dead_letters").value(owner.dead_letters).end_object();
    }
    writer.end_array().key("lists").begin_array();
    for (const auto& name : connector_names) {
      writer.begin_object().key("connector").value(name).key("snapshot_members").value(members(name));
      writer.key("mentions").value(mentions_of(name)).end_object();
    }
    writer.end_array().end_object();
    std::puts(out.c_str());
    return kExitOk;
  }
  std::printf("CURSORS\n");
  if (connector_names.empty()) std::printf("  none\n");
  for (const auto& name : connector_names) {
    const ::tcfeed::state::Cursor* cursor = cursor_of(name);
    if (cursor == nullptr) {
      std::printf("  %-24s none (not polled yet)\n", name.c_str());
      continue;
    }
    std::printf("  %-24s position=%s%s%s\n", name.c_str(), cursor->position.empty() ? "-" : cursor->position.c_str(),
                cursor->etag.empty() ? "" : (" etag=" + cursor->etag).c_str(),
                cursor->last_modified.empty() ? "" : (" last-modified=" + cursor->last_modified).c_str());
  }
  std::printf("OUTBOX\n");
  if (owner_names.empty()) std::printf("  none\n");
  for (const auto& name : owner_names) {
    const auto owner = backlog_of(name);
    if (owner.batches == 0) {
      std::printf("  %-24s none\n", name.c_str());
      continue;
    }
    std::printf("  %-24s %s, %s%s\n", name.c_str(), counted(owner.batches, "batch", "batches").c_str(),
                counted(owner.indicators, "indicator", "indicators").c_str(),
                owner.oldest_created_unix ? (", oldest " + utc_text(*owner.oldest_created_unix)).c_str() : "");
  }
  std::printf("DEAD LETTERS\n");
  if (owner_names.empty()) std::printf("  none\n");
  for (const auto& name : owner_names) {
    const auto owner = backlog_of(name);
    std::printf("  %-24s %s\n", name.c_str(),
                owner.dead_letters == 0 ? "none"
                                        : (counted(owner.dead_letters, "dead letter", "dead letters") +
                                           " (tcfeed state dead-letters shows them)")
                                              .c_str());
  }
  std::printf("LISTS (full-list members; expire_after mentions)\n");
  if (connector_names.empty()) std::printf("  none\n");
  for (const auto& name : connector_names) {
    const auto listed = members(name);
    const auto mentioned = mentions_of(name);
    if (listed == 0 && mentioned == 0) {
      std::printf("  %-24s none\n", name.c_str());
    } else {
      std::printf("  %-24s %s, %s\n", name.c_str(), counted(listed, "member", "members").c_str(),
                  counted(mentioned, "mention", "mentions").c_str());
    }
  }
  return kExitOk;
}

int dead_letters(const state::StateStore& state, bool json, std::size_t limit) {
  const auto letters = state.dead_letters(static_cast<std::int64_t>(limit));
  std::string out;
  JsonWriter writer(out);
  if (json) writer.begin_array();
  for (const auto& letter : letters) {
    if (json) {
      writer.begin_object().key("id").value(letter.id).key("connector").value(letter.connector);
      writer.key("owner")
          .value(letter.owner)
          .key("at")
          .value(utc_text(letter.at_unix))
          .key("reason")
          .value(letter.reason);
      writer.key("indicator").value(letter.indicator_json).end_object();
    } else {
      std::printf("%s  %s  %s  %s\n  %s\n", utc_text(letter.at_unix).c_str(), letter.connector.c_str(),
                  letter.owner.c_str(), letter.reason.c_str(), letter.indicator_json.c_str());
    }
  }
  if (json) {
    writer.end_array();
    std::puts(out.c_str());
  } else if (letters.empty()) {
    std::printf("no dead letters\n");
  }
  return kExitOk;
}

}  // namespace

int state(const StateArgs& args) {
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), {.read_secrets = false});
  if (!std::filesystem::exists(config.state_path)) {
    std::fprintf(stderr, "tcfeed: no state file at %s yet (nothing has run)\n", config.state_path.c_str());
    if (args.action == "show") return show(config, nullptr, args.json);
    return args.action == "dead-letters" ? kExitOk : kExitFailure;
  }
  if (args.action == "show" || args.action == "dead-letters") {
    const state::StateStore state(config.state_path, state::StateStore::Mode::ReadOnly);
    return args.action == "show" ? show(config, &state, args.json) : dead_letters(state, args.json, args.limit);
  }
  // Changes wait for the daemon to be stopped: it keeps its seen sets in memory.
  const state::StateLock lock(config.state_path);
  state::StateStore state(config.state_path, state::StateStore::Mode::ReadWrite);
  if (args.action == "reset") {
    const auto known = std::find_if(config.connectors.begin(), config.connectors.end(),
                                    [&](const auto& connector) { return connector.name == args.connector; });
    if (known == config.connectors.end()) {
      std::fprintf(stderr, "tcfeed: state reset: no connector '%s' in %s\n", args.connector.c_str(),
                   args.config.c_str());
      return kExitUsage;
    }
    state.reset_connector(args.connector);
    std::printf("connector %s: cursor, seen set, snapshot and mentions forgotten; its next poll starts afresh\n",
                args.connector.c_str());
    return kExitOk;
  }
  const auto requeued = state.requeue_dead_letters(config.batch.max_indicators, now_unix());
  std::printf("%s queued again; the daemon (or tcfeed run --once) sends them\n",
              counted(requeued, "dead letter", "dead letters").c_str());
  return kExitOk;
}

}  // namespace tcfeed::cli
