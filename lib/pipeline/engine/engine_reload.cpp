// The Engine's reload of connectors alone and its poll-now (docs/architecture.md, Reload (SIGHUP)).
#include <spdlog/spdlog.h>

#include "lib/pipeline/engine/engine.hpp"
#include "lib/pipeline/stream/reasons.hpp"

namespace tcfeed::pipeline {

void Engine::add_owner(const std::string& owner) {
  if (owner_slots_.contains(owner)) return;
  owner_slots_[owner];
  owner_names_.push_back(owner);
}

void Engine::reconfigure(std::shared_ptr<const config::Config> next, const ConnectorRegistry& registry,
                         const std::vector<ConnectorChange>& changes) {
  const auto change_of = [&](const std::string& name) -> const ConnectorChange* {
    for (const auto& change : changes) {
      if (change.name == name) return &change;
    }
    return nullptr;
  };
  // Built first: a connector that refuses its keys leaves everything running as it was.
  std::vector<std::unique_ptr<ConnectorSlot>> built;
  for (const auto& connector : next->connectors) {
    const ConnectorChange* change = change_of(connector.name);
    if (change == nullptr || change->kind == ConnectorChange::Kind::Removed) continue;
    auto slot = make_slot(connector, *next, registry);
    slot->holds = next;
    built.push_back(std::move(slot));
  }

  std::vector<ConnectorSlot*> to_start;
  std::vector<std::string> new_owners;
  {
    std::lock_guard lock(mutex_);
    std::vector<std::unique_ptr<ConnectorSlot>> kept;
    std::map<std::string, ConnectorSlot*> stopped;
    for (auto& slot : connectors_) {
      if (change_of(slot->config->name) == nullptr) {
        kept.push_back(std::move(slot));
        continue;
      }
      slot->retired = true;
      slot->fetch_stop.request_stop();  // a download in flight is cut; a poll reading its data commits
      stopped[slot->config->name] = slot.get();
      retired_.push_back(std::move(slot));
    }
    // The new file's order, which the status page shows.
    connectors_.clear();
    auto fresh = built.begin();
    for (const auto& connector : next->connectors) {
      if (change_of(connector.name) == nullptr) {
        for (auto& slot : kept) {
          if (slot && slot->config->name == connector.name) connectors_.push_back(std::move(slot));
        }
        continue;
      }
      auto& slot = *fresh++;
      // Only a started predecessor has a thread to wait for.
      if (const auto old = stopped.find(connector.name); old != stopped.end() && started_) {
        slot->predecessor = old->second;
      }
      if (!owner_slots_.contains(connector.owner)) new_owners.push_back(connector.owner);
      add_owner(connector.owner);
      to_start.push_back(slot.get());
      connectors_.push_back(std::move(slot));
    }
    platform_refresh_requested_ = true;
    wake_.notify_all();
    if (!started_) return;
  }
  std::vector<std::pair<std::string, std::chrono::seconds>> scheduled;
  {
    std::lock_guard lock(mutex_);
    for (const auto& slot : connectors_) {
      scheduled.emplace_back(slot->config->name,
                             std::chrono::duration_cast<std::chrono::seconds>(slot->config->schedule.every));
    }
  }
  events_.connectors_scheduled(scheduled, dropped_codes(*policy()));
  for (ConnectorSlot* slot : to_start) spawn([this, slot] { run_connector(*slot); });
  const int senders = std::max(1, config_.batch.jobs_in_flight);
  for (const auto& owner : new_owners) {
    for (int i = 0; i < senders; ++i) spawn([this, owner] { run_sender(owner); });
  }
}

Engine::PollRequest Engine::poll_now(const std::string& connector) {
  std::lock_guard lock(mutex_);
  if (stopping_) return PollRequest::Stopping;
  for (auto& slot : connectors_) {
    if (slot->config->name != connector) continue;
    if (slot->status.state == ConnectorState::Running || slot->poll_requested) return PollRequest::AlreadyRunning;
    // The source's own request outranks an operator's: ignoring Retry-After or a rate limit can get
    // the key blocked.
    if (slot->asked.any() && slot->status.next_run_unix && *slot->status.next_run_unix > clock_.now_unix()) {
      return PollRequest::AskedToWait;
    }
    slot->poll_requested = true;
    wake_.notify_all();
    return PollRequest::Started;
  }
  return PollRequest::Unknown;
}

}  // namespace tcfeed::pipeline
