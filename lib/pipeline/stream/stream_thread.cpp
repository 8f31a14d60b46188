#include "lib/pipeline/stream/stream_thread.hpp"

#include <utility>

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {
namespace {

// A batch is handed over at about this size: large enough that the hand-over (a lock, and on a
// busy machine a wake-up that waits for a core) is rare, small enough to keep the memory small.
constexpr std::size_t kCallsPerBatch = 4096;
constexpr std::size_t kBytesPerBatch = 1024 * 1024;
// Batches in flight besides the one filling: the reading thread runs at most this far ahead,
// which bounds the memory the hand-over takes.
constexpr std::size_t kSpareBatches = 4;

}  // namespace

StreamThread::StreamThread(IndicatorStream& stream, const Policy& policy)
    : stream_(stream), policy_(policy), filling_(std::make_unique<CandidateBatch>()) {
  for (std::size_t i = 0; i < kSpareBatches; ++i) spare_.push_back(std::make_unique<CandidateBatch>());
  thread_ = std::thread([this] { work(); });
}

StreamThread::~StreamThread() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    abandoned_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void StreamThread::accept(const Candidate& candidate) {
  const Screening screening = screen(policy_, candidate, normalized_);
  filling_->add(candidate, screening, normalized_);
  hand_over_if_full();
}

void StreamThread::unmapped(Unmapped reason) {
  filling_->add_unmapped(reason);
  hand_over_if_full();
}

void StreamThread::expect(std::size_t records) {
  filling_->add_expect(records);
  hand_over_if_full();
}

void StreamThread::group(const CandidateGroup& group) {
  filling_->add_group(group);
  hand_over_if_full();
}

bool StreamThread::associate(const CandidateLink& link) {
  drain();
  return stream_.associate(link);
}

void StreamThread::checkpoint(const std::function<state::Cursor()>& cursor) {
  drain();
  stream_.checkpoint(cursor);
}

void StreamThread::drain() {
  hand_over();
  std::unique_lock lock(mutex_);
  // Every batch but the one filling back among the spares: none queued, none being taken.
  changed_.wait(lock, [this] { return spare_.size() == kSpareBatches || failure_; });
  if (failure_) std::rethrow_exception(failure_);
}

void StreamThread::hand_over_if_full() {
  if (filling_->calls() >= kCallsPerBatch || filling_->bytes() >= kBytesPerBatch) hand_over();
}

void StreamThread::hand_over() {
  std::unique_lock lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
  if (filling_->calls() == 0) return;
  queued_.push_back(std::move(filling_));
  changed_.notify_all();
  changed_.wait(lock, [this] { return !spare_.empty() || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  filling_ = std::move(spare_.back());
  spare_.pop_back();
}

void StreamThread::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return !queued_.empty() || closing_; });
    if (abandoned_ || (queued_.empty() && closing_)) return;
    std::unique_ptr<CandidateBatch> batch = std::move(queued_.front());
    queued_.erase(queued_.begin());
    lock.unlock();
    try {
      batch->replay(stream_);
    } catch (...) {
      batch->clear();
      lock.lock();
      failure_ = std::current_exception();
      spare_.push_back(std::move(batch));
      changed_.notify_all();
      return;
    }
    lock.lock();
    spare_.push_back(std::move(batch));
    changed_.notify_all();
  }
}

void StreamThread::finish() {
  hand_over();
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace tcfeed::pipeline
