#pragma once
// The stream on a second thread (docs/architecture.md, Stream): the connector's thread reads, maps
// and screens (screening.hpp: normalize, allowlist, warninglists), and hands candidates over in
// batches; this thread takes them through the rest of the IndicatorStream (tags, the seen set,
// the documents). The two halves cost about
// the same, so a large feed is read in little more than half the time on two cores. Calls reach
// the stream in the order the connector made them, so the documents, counts and audit lines are
// the ones the stream alone would make.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/stream/candidate_batch.hpp"
#include "lib/pipeline/stream/policy.hpp"

namespace tcfeed::pipeline {

class IndicatorStream;

class StreamThread final : public CandidateSink {
 public:
  // `policy`: the one `stream` was made with.
  StreamThread(IndicatorStream& stream, const Policy& policy);
  // Without finish() (the poll failed): the thread stops after the batch it holds; what is still
  // queued is dropped, as the failed run drops what the stream made.
  ~StreamThread() override;
  StreamThread(const StreamThread&) = delete;
  StreamThread& operator=(const StreamThread&) = delete;

  void accept(const Candidate& candidate) override;
  void unmapped(Unmapped reason) override;
  void expect(std::size_t records) override;
  void group(const CandidateGroup& group) override;
  // Needs the stream's answer: waits until every call before it went through the stream, then
  // asks the stream on this thread (the other one is idle meanwhile).
  bool associate(const CandidateLink& link) override;
  // Waits until the stream took every call before it, then offers the checkpoint on this thread,
  // while the stream's own waits: `cursor` views the connector's state, which only this thread
  // may read, and the commit must cover all that came before it and nothing after.
  void checkpoint(const std::function<state::Cursor()>& cursor) override;

  // Returns once every call went through the stream, and the thread ended; rethrows what the
  // stream threw (a document the sink could not store…). The stream is the caller's again.
  void finish();

 private:
  void hand_over_if_full();
  void hand_over();  // filling_ to the queue; throws the stream's failure, if any
  // hand_over(), then waits until the stream's thread is idle: the stream is this thread's until
  // the next hand-over, which the mutex orders after whatever this thread then does with it.
  void drain();
  void work();

  IndicatorStream& stream_;
  const Policy& policy_;
  std::string normalized_;  // the connector's thread's buffer for screen()
  std::unique_ptr<CandidateBatch> filling_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<CandidateBatch>> queued_;  // oldest first
  std::vector<std::unique_ptr<CandidateBatch>> spare_;
  bool closing_ = false;    // no more batches come
  bool abandoned_ = false;  // and those queued are dropped
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace tcfeed::pipeline
