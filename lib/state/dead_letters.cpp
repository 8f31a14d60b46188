// Dead letters: the indicators the platform rejected, kept with its reason until an operator fixes
// the cause and requeues them (`tcfeed state requeue`).
#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {
namespace {

constexpr std::string_view kDocumentOpen = R"({"indicator":[)";
constexpr std::string_view kDocumentClose = "]}";

// A batch being rebuilt from dead letters of one connector, owner and settings.
struct Regroup {
  std::string connector, owner, settings_json;
  std::string document;
  std::int64_t indicators = 0;

  bool same_group(const std::string& c, const std::string& o, const std::string& s) const {
    return indicators > 0 && connector == c && owner == o && settings_json == s;
  }
};

}  // namespace

std::vector<DeadLetter> StateStore::dead_letters(std::int64_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<DeadLetter> out;
  if (!has_schema(kOutboxSchema)) return out;
  auto query = db_->query(R"(SELECT id, connector, owner, settings_json, indicator_json, reason, at
                             FROM dead_letters ORDER BY id LIMIT ?)");
  query.bind(1, limit);
  while (query.step()) {
    out.push_back(DeadLetter{.id = query.int64(0),
                             .connector = query.text(1),
                             .owner = query.text(2),
                             .settings_json = query.text(3),
                             .indicator_json = query.text(4),
                             .reason = query.text(5),
                             .at_unix = query.int64(6)});
  }
  return out;
}

std::int64_t StateStore::requeue_dead_letters(std::int64_t max_indicators, std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  if (max_indicators <= 0) db_->fail("cannot requeue dead letters into batches of " + std::to_string(max_indicators));
  Transaction transaction(*db_);
  auto insert = db_->query(R"(INSERT INTO batches (state, connector, owner, settings_json, indicators,
                                                   next_attempt_at, created_at)
                              VALUES ('pending', ?, ?, ?, ?, ?, ?))");
  auto insert_document = db_->query("INSERT INTO batch_documents (batch_id, document) VALUES (?, ?)");
  Regroup group;
  std::int64_t requeued = 0;
  const auto flush = [&] {
    if (group.indicators == 0) return;
    group.document.append(kDocumentClose);
    insert.bind(1, group.connector)
        .bind(2, group.owner)
        .bind(3, group.settings_json)
        .bind(4, group.indicators)
        .bind(5, now_unix)
        .bind(6, now_unix)
        .run();
    insert_document.bind(1, db_->last_insert_id()).bind_view(2, group.document).run();
    requeued += group.indicators;
    group.indicators = 0;
  };
  {
    // Sorted by group, then by age, so each group's letters are contiguous and keep their order.
    auto letters = db_->query(R"(SELECT connector, owner, settings_json, indicator_json FROM dead_letters
                                 ORDER BY connector, owner, settings_json, id)");
    while (letters.step()) {
      std::string connector = letters.text(0), owner = letters.text(1), settings = letters.text(2);
      if (!group.same_group(connector, owner, settings) || group.indicators >= max_indicators) {
        flush();
        group.connector = std::move(connector);
        group.owner = std::move(owner);
        group.settings_json = std::move(settings);
        group.document.assign(kDocumentOpen);
      } else {
        group.document += ',';
      }
      group.document += letters.text(3);
      ++group.indicators;
    }
  }
  flush();
  db_->query("DELETE FROM dead_letters").run();
  transaction.commit();
  return requeued;
}

}  // namespace tcfeed::state
