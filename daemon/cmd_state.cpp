// `tcfeed state`: what the state file holds — cursors, the outbox per owner, dead letters — and the
// two repairs an operator needs: forget a connector's position, and send dead letters again.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/json_writer.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/state/state_lock.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::cli {
namespace {

std::string utc(std::int64_t unix_time) {
  const std::time_t time = unix_time;
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

int show(const state::StateStore& state, bool json) {
  const auto cursors = state.cursors();
  const auto backlog = state.backlog();
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
        writer.value(utc(*owner.oldest_created_unix));
      else
        writer.null();
      writer.key("dead_letters").value(owner.dead_letters).end_object();
    }
    writer.end_array().end_object();
    std::puts(out.c_str());
    return kExitOk;
  }
  std::printf("CURSORS\n");
  if (cursors.empty()) std::printf("  (none)\n");
  for (const auto& [connector, cursor] : cursors) {
    std::printf("  %-24s position=%s%s%s\n", connector.c_str(), cursor.position.empty() ? "-" : cursor.position.c_str(),
                cursor.etag.empty() ? "" : (" etag=" + cursor.etag).c_str(),
                cursor.last_modified.empty() ? "" : (" last-modified=" + cursor.last_modified).c_str());
  }
  std::printf("OUTBOX\n");
  if (backlog.empty()) std::printf("  (empty)\n");
  for (const auto& owner : backlog) {
    std::printf("  %-24s %lld batches, %lld indicators%s, %lld dead letters\n", owner.owner.c_str(),
                static_cast<long long>(owner.batches), static_cast<long long>(owner.indicators),
                owner.oldest_created_unix ? (", oldest " + utc(*owner.oldest_created_unix)).c_str() : "",
                static_cast<long long>(owner.dead_letters));
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
      writer.key("owner").value(letter.owner).key("at").value(utc(letter.at_unix)).key("reason").value(letter.reason);
      writer.key("indicator").value(letter.indicator_json).end_object();
    } else {
      std::printf("%s  %s  %s  %s\n  %s\n", utc(letter.at_unix).c_str(), letter.connector.c_str(), letter.owner.c_str(),
                  letter.reason.c_str(), letter.indicator_json.c_str());
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
    return args.action == "show" || args.action == "dead-letters" ? kExitOk : kExitFailure;
  }
  if (args.action == "show" || args.action == "dead-letters") {
    const state::StateStore state(config.state_path, state::StateStore::Mode::ReadOnly);
    return args.action == "show" ? show(state, args.json) : dead_letters(state, args.json, args.limit);
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
  std::printf("%lld dead letters queued again; the daemon (or tcfeed run --once) sends them\n",
              static_cast<long long>(requeued));
  return kExitOk;
}

}  // namespace tcfeed::cli
