#pragma once
// A process-wide metrics registry rendered in the Prometheus text exposition format 0.0.4.
// Registration takes a lock and may allocate; the returned Counter or Gauge is a stable reference
// to one atomic, so the hot path is a single relaxed atomic operation with no lookup and no lock.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcfeed::telemetry {

// (label name, label value) pairs. Their order does not matter: {a,b} and {b,a} are one series.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void add(std::uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The series (name, labels), created on first use; asking again returns the same object.
  // Counter names end in "_total". Throws std::invalid_argument for a name or label name outside
  // the Prometheus grammar, a label given twice, a name already registered as another type or
  // with another help text: those are programming errors, found by the first test that runs them.
  Counter& counter(std::string_view name, std::string_view help, Labels labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, Labels labels = {});

  // A gauge whose value is read when rendering (outbox depth, oldest pending batch): nothing has
  // to remember to update it. Registering the series again replaces the callback. The callback
  // runs under the registry's lock on the rendering thread; it must not call into this registry,
  // nor take a lock that a thread reporting metrics may hold (that is a deadlock: read such state
  // elsewhere and set a plain gauge), and what it captures must outlive the registry or be
  // replaced first. A callback series
  // renders the callback's value only: gauge() on it returns a Gauge that nothing reads.
  void gauge_callback(std::string_view name, std::string_view help, Labels labels, std::function<double()> read);

  // Drops a gauge series (and its family once empty), so that what no longer exists — a connector
  // a reload removed — stops being reported. Only for series nobody keeps a reference to: gauges
  // set through gauge() at each update, and callback gauges.
  void remove_gauge(std::string_view name, Labels labels);

  // The whole exposition: families sorted by name, each with one # HELP and one # TYPE line and
  // its series sorted by labels, so two renders of the same values are byte-identical.
  std::string render() const;

 private:
  enum class Kind { kCounter, kGauge };
  struct Series {
    Counter counter;
    Gauge gauge;
    std::function<double()> read;  // set for a callback gauge
  };
  struct Family {
    Kind kind;
    std::string help;
    std::map<Labels, std::unique_ptr<Series>> series;
  };

  Series& series(std::string_view name, std::string_view help, Labels labels, Kind kind);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// The content type a /metrics endpoint answers with.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// Exposed for the tests and for callers that validate names up front.
bool is_valid_metric_name(std::string_view name);
bool is_valid_label_name(std::string_view name);

}  // namespace tcfeed::telemetry
