// The MISP feed's event reader (connectors/misp/misp_event_reader.hpp): an event is walked as it
// arrives, never held. A generated event of 200,000 attributes is read with the heap's peak far
// below its size (counted by the operator new below, not timed); attributes inside objects are
// found; the event's fields placed after its attributes still reach every indicator and its
// group; a truncated event is an error that sends nothing; the attributes held past the memory
// budget go through the temporary file and come back the same.
#include "connectors/misp/misp_event_reader.hpp"

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"

namespace {

// Every operator new of this test binary is counted: the bytes live now, their peak since
// reset_peak(), and the largest single allocation. malloc_usable_size counts what delete returns.
std::atomic<long long> g_live{0};
std::atomic<long long> g_peak{0};
std::atomic<std::size_t> g_largest{0};

void* counted(std::size_t size, std::size_t alignment) {
  void* p = alignment > alignof(std::max_align_t)
                ? std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment)
                : std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  const long long now =
      g_live.fetch_add(static_cast<long long>(malloc_usable_size(p))) + static_cast<long long>(malloc_usable_size(p));
  long long peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
  std::size_t largest = g_largest.load();
  while (size > largest && !g_largest.compare_exchange_weak(largest, size)) {
  }
  return p;
}

void released(void* p) {
  if (p == nullptr) return;
  g_live.fetch_sub(static_cast<long long>(malloc_usable_size(p)));
  std::free(p);
}

void reset_peak() {
  g_peak = g_live.load();
  g_largest = 0;
}

}  // namespace

void* operator new(std::size_t size) { return counted(size, 0); }
void* operator new[](std::size_t size) { return counted(size, 0); }
void* operator new(std::size_t size, std::align_val_t align) { return counted(size, static_cast<std::size_t>(align)); }
void* operator new[](std::size_t size, std::align_val_t align) {
  return counted(size, static_cast<std::size_t>(align));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted(size, 0);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted(size, 0);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { released(p); }
void operator delete[](void* p) noexcept { released(p); }
void operator delete(void* p, std::size_t) noexcept { released(p); }
void operator delete[](void* p, std::size_t) noexcept { released(p); }
void operator delete(void* p, std::align_val_t) noexcept { released(p); }
void operator delete[](void* p, std::align_val_t) noexcept { released(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { released(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { released(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { released(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { released(p); }

namespace tcfeed::connectors::misp {
namespace {

constexpr std::string_view kUuid = "5f0c2a9e-1b2c-4d3e-8f40-0000000000f1";

std::string attribute_json(std::size_t i, std::string_view type, std::string_view value) {
  // As MISP's feed export writes one, most of it fields the mapping never reads.
  return R"({"id":")" + std::to_string(i) +
         R"(","event_id":"42","object_id":"0","object_relation":null,)"
         R"("category":"Network activity","type":")" +
         std::string(type) +
         R"(","to_ids":true,)"
         R"("uuid":"5f0c2a9e-1b2c-4d3e-8f40-)" +
         std::to_string(100000000000 + i) +
         R"(","timestamp":"1796000000",)"
         R"("distribution":"5","sharing_group_id":"0","comment":"seen in the wave","deleted":false,)"
         R"("disable_correlation":false,"first_seen":null,"last_seen":null,"value":")" +
         std::string(value) + R"("})";
}

// A MISP event generated as it is read, never whole in memory: `attributes` domains, then
// `objects` file objects of 3 md5 attributes each (the first marked deleted after its attributes),
// then — after all of them — the event's info, Tag, date and uuid.
class GeneratedEvent final : public pipeline::ByteSource {
 public:
  GeneratedEvent(std::size_t attributes, std::size_t objects) : attributes_(attributes), objects_(objects) {
    pending_ = R"({"Event":{"timestamp":"1796000000","Attribute":[)";
  }

  std::size_t read(char* buffer, std::size_t size) override {
    pending_.erase(0, offset_);  // what was handed over already: the source holds a chunk or so
    offset_ = 0;
    while (pending_.size() < size && step()) {
    }
    const std::size_t count = std::min(size, pending_.size());
    std::copy_n(pending_.data(), count, buffer);
    offset_ = count;
    bytes_ += count;
    return count;
  }

  std::size_t bytes() const { return bytes_; }

 private:
  bool step() {
    if (next_ < attributes_) {
      if (next_ > 0) pending_ += ',';
      pending_ += attribute_json(next_, "domain", "host" + std::to_string(next_) + ".evil.example");
      ++next_;
      return true;
    }
    if (next_ == attributes_) {
      pending_ += R"(],"Object":[)";
      ++next_;
      return true;
    }
    const std::size_t object = next_ - attributes_ - 1;
    if (object < objects_) {
      if (object > 0) pending_ += ',';
      pending_ += R"({"name":"file","meta-category":"file","Attribute":[)";
      for (std::size_t k = 0; k < 3; ++k) {
        if (k > 0) pending_ += ',';
        char hash[33];
        std::snprintf(hash, sizeof hash, "%032zx", object * 3 + k + 1);
        pending_ += attribute_json(object * 3 + k, "md5", hash);
      }
      pending_ += object == 0 ? R"(],"deleted":true})" : R"(],"deleted":false})";
      ++next_;
      return true;
    }
    if (!done_) {
      pending_ += R"(],"info":"Late info","Tag":[{"name":"tlp:white"},{"name":"late-tag"},)"
                  R"({"name":"misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""}],"date":"2026-11-30",)"
                  R"("uuid":")" +
                  std::string(kUuid) + R"("}})";
      done_ = true;
      return true;
    }
    return false;
  }

  std::size_t attributes_;
  std::size_t objects_;
  std::size_t next_ = 0;
  bool done_ = false;
  std::string pending_;
  std::size_t offset_ = 0;
  std::size_t bytes_ = 0;
};

// Counts what arrives and checks, on each candidate, what the event's late fields must give it;
// holds nothing per candidate, so the heap measured is the reader's.
class CountingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    ++candidates;
    if (candidate.type == indicators::IndicatorType::File) ++files;
    const bool grouped = candidate.groups.size() == 1 && candidate.groups[0].name == "Late info" &&
                         candidate.groups[0].source_id == kUuid && candidate.groups[0].date == "2026-11-30T00:00:00Z";
    const bool tagged = candidate.tags.size() == 1 && candidate.tags[0] == "late-tag" &&
                        candidate.attack_techniques.size() == 1 && candidate.attack_techniques[0] == "Phishing - T1566";
    if (!grouped || !tagged) ++wrong;
  }
  void unmapped(pipeline::Unmapped /*reason*/) override { ++unmapped_records; }
  std::size_t candidates = 0;
  std::size_t files = 0;
  std::size_t wrong = 0;
  std::size_t unmapped_records = 0;
};

TEST(MispEventReader, ALargeEventIsReadWithTheHeapFarBelowItsSize) {
  constexpr std::size_t kAttributes = 200000;
  constexpr std::size_t kObjects = 1000;
  GeneratedEvent source(kAttributes, kObjects);
  MispEventMapper mapper(MispMapOptions{});
  CountingSink sink;
  reset_peak();
  const long long before = g_live.load();
  const std::size_t records = read_misp_event(source, mapper, sink, std::size_t{1} << 30);
  const long long peak = g_peak.load() - before;
  const std::size_t largest = g_largest.load();

  ASSERT_GT(source.bytes(), 50u << 20) << "the event must be large for the bound to mean something";
  // The first object is deleted: its 3 attributes are neither sent nor counted.
  EXPECT_EQ(records, kAttributes + (kObjects - 1) * 3);
  EXPECT_EQ(sink.candidates, kAttributes + (kObjects - 1) * 3);
  EXPECT_EQ(sink.files, (kObjects - 1) * 3);
  EXPECT_EQ(sink.wrong, 0u) << "the info, Tag, date and uuid after the attributes reach every indicator";
  EXPECT_EQ(sink.unmapped_records, 0u);
  // Chunk, one attribute captured and parsed, the attributes held in memory (1 MiB, the rest in
  // the temporary file): a few MiB whatever the event's size.
  EXPECT_LT(peak, 6ll << 20) << "peak heap while reading a " << source.bytes() << "-byte event";
  EXPECT_LT(largest, 2u << 20) << "the largest single allocation";
}

std::string small_event_fields_last() {
  return R"({"Event":{"Attribute":[{"type":"domain","value":"a.example","to_ids":true,)"
         R"("Tag":[{"name":"attr-tag"}]},{"type":"ip-dst","value":"185.220.101.5","to_ids":false}],)"
         R"("Object":[{"name":"file","Attribute":[{"type":"sha256","value":")" +
         std::string(64, 'b') +
         R"(","to_ids":true}],"deleted":false},)"
         R"({"name":"file","Attribute":[{"type":"md5","value":")" +
         std::string(32, 'c') +
         R"(","to_ids":true}],"deleted":1},"not an object"],)"
         R"("info":"Fields last","Tag":[{"name":"event-tag"},{"name":"tlp:amber"}],)"
         R"("date":"2026-12-01","uuid":")" +
         std::string(kUuid) + R"("}})";
}

struct Read {
  std::size_t records = 0;
  testing_support::AbusechSink sink;
};

void read(Read& run, pipeline::ByteSource& source, MispEventLimits limits = {}) {
  MispEventMapper mapper(MispMapOptions{});
  run.records = read_misp_event(source, mapper, run.sink, limits);
}

TEST(MispEventReader, FieldsAfterTheAttributesReachTheGroupAndEveryIndicator) {
  pipeline::StringSource source(small_event_fields_last());
  Read run;
  read(run, source);
  EXPECT_EQ(run.records, 3u);
  EXPECT_EQ(run.sink.lines, (std::vector<std::string>{"Host\ta.example\tevent-tag|attr-tag\t-\t",
                                                      "Address\t185.220.101.5\tevent-tag\t-\t",
                                                      "File\t" + std::string(64, 'b') + "\tevent-tag\t-\t"}));
  const std::string group = "Event:Fields last:" + std::string(kUuid);
  EXPECT_EQ(run.sink.groups, (std::vector<std::string>{group, group, group}));
}

// A source that hands over a few bytes at a time: every chunk boundary falls somewhere new.
class Dribble final : public pipeline::ByteSource {
 public:
  explicit Dribble(std::string data) : data_(std::move(data)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t count = std::min({size, data_.size() - offset_, 1 + offset_ % 7});
    std::copy_n(data_.data() + offset_, count, buffer);
    offset_ += count;
    return count;
  }

 private:
  std::string data_;
  std::size_t offset_ = 0;
};

TEST(MispEventReader, ChunkBoundariesAndTheTemporaryFileChangeNothing) {
  pipeline::StringSource whole(small_event_fields_last());
  Read expected;
  read(expected, whole);
  Dribble dribble(small_event_fields_last());
  MispEventLimits spill;
  spill.memory_bytes = 64;  // nearly every attribute through the temporary file, a rewind across it
  Read run;
  read(run, dribble, spill);
  EXPECT_EQ(run.records, expected.records);
  EXPECT_EQ(run.sink.lines, expected.sink.lines);
  EXPECT_EQ(run.sink.groups, expected.sink.groups);
}

TEST(MispEventReader, ATruncatedEventIsAnErrorAndSendsNothing) {
  const std::string event = small_event_fields_last();
  for (const std::size_t cut :
       {std::size_t{1}, std::size_t{12}, event.size() / 3, event.size() / 2, event.size() - 2, event.size() - 1}) {
    pipeline::StringSource source(event.substr(0, cut));
    Read run;
    try {
      read(run, source);
      ADD_FAILURE() << "no error for the event cut at " << cut;
    } catch (const pipeline::SourceError& error) {
      EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos) << error.what();
    }
    EXPECT_TRUE(run.sink.lines.empty()) << "cut at " << cut;
  }
  for (const std::string broken : {"", "  ", "[1,2]", R"({"Event":{"Attribute":[1 2]}})", R"({"Event":{}} x)"}) {
    pipeline::StringSource source(broken);
    Read run;
    EXPECT_THROW(read(run, source), pipeline::SourceError) << broken;
  }
}

TEST(MispEventReader, AnAttributeTooLargeOrTooDeepIsCountedAndTheOthersRead) {
  const std::string event = R"({"Event":{"uuid":")" + std::string(kUuid) +
                            R"(","Attribute":[{"type":"domain","value":"a.example","to_ids":true},)"
                            R"({"type":"malware-sample","value":"x.exe","data":")" +
                            std::string(4096, 'A') + R"("},)" + std::string(100, '[') + std::string(100, ']') +
                            R"(,{"type":"domain","value":"b.example","to_ids":true}]}})";
  pipeline::StringSource source(event);
  MispEventLimits limits;
  limits.max_attribute_bytes = 1024;
  Read run;
  read(run, source, limits);
  EXPECT_EQ(run.records, 4u);
  EXPECT_EQ(run.sink.lines, (std::vector<std::string>{"Host\ta.example\t\t-\t", "unmapped\toversized_record",
                                                      "unmapped\ttoo_deep", "Host\tb.example\t\t-\t"}));
}

TEST(MispEventReader, AnEventOverMaxEventBytesIsCountedOnceAndSendsNothing) {
  GeneratedEvent source(20000, 0);
  MispEventLimits limits;
  limits.max_event_bytes = 1 << 20;
  Read run;
  read(run, source, limits);
  EXPECT_EQ(run.records, 1u);
  EXPECT_EQ(run.sink.lines, (std::vector<std::string>{"unmapped\toversized_record"}));
  EXPECT_LT(source.bytes(), 2u << 20) << "the rest of the event is not read";
}

}  // namespace
}  // namespace tcfeed::connectors::misp
