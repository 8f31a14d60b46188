#pragma once
// A streaming walk of one JSON document whose records sit deeper than JsonRecords splits (a MISP
// event's `Event.Object[].Attribute[]`). The walker keeps only a stack of the containers the
// handler chose to enter (their kind, id and current member name) and the value being captured:
// at each value it asks the handler to skip it, capture it (its bytes, bounded, parsed by simdjson
// on their own) or enter it (an object or array, whose values are asked about in turn). Memory is
// the chunk, the stack and the largest captured value, never the document.
//
// Structure is checked where the walker reads it (the entered containers: keys, colons, commas,
// closers); a skipped value is tracked by depth and strings only, a captured one is judged by
// simdjson. A document that ends before its value closes is an error, never a shorter document.
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

enum class JsonVisit { Skip, Capture, Enter };

// Why a value the handler asked to capture was not handed over.
enum class JsonRefusal { Oversized, TooDeep, Malformed };

struct JsonWalkOptions {
  std::size_t max_record_bytes = 1 << 20;  // a larger captured value is refused
  std::size_t max_depth = 64;              // nesting from the document's root; deeper is refused
  std::size_t max_bytes = 0;               // the document's size at most (0: no bound)
  std::size_t chunk_bytes = 64 * 1024;
};

class JsonWalker {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    // A value begins, starting with `first`: in the container `parent` (the id given when it was
    // entered; 0 is the document itself) as its member `key` ("" in an array and at the root).
    // Enter applies to an object or an array only (a scalar is skipped); set `id` to name it.
    virtual JsonVisit visit(int parent, std::string_view key, char first, int& id) = 0;
    // A captured value, valid during the call only.
    virtual void captured(int parent, std::string_view key, simdjson::dom::element value) = 0;
    // A value the handler asked to capture (or enter, past max_depth) that could not be.
    virtual void refused(int parent, std::string_view key, JsonRefusal why) = 0;
    // An entered container closed.
    virtual void closed(int id) = 0;
  };

  // Member names longer than this are handed over cut to it (never equal to a shorter name).
  static constexpr std::size_t kMaxKey = 256;

  JsonWalker(ByteSource& source, JsonWalkOptions options = {});

  // Reads the source to the end of its document. Returns false, having stopped there, when the
  // document is larger than max_bytes. Throws SourceError when the source fails, the document is
  // empty or broken, or it ends before its value closes (truncated).
  bool walk(Handler& handler);

  std::size_t offset() const { return offset_; }  // bytes of the document read

 private:
  enum class State { Value, ArrayFirst, ObjectFirst, ObjectKey, Key, Colon, After, Nested, Scalar, Done };

  struct Frame {
    bool array = false;
    int id = 0;
    std::string key;  // the member being read (objects)
    bool key_escape = false;
  };

  // Depth and string state of a skipped or captured value.
  struct Nesting {
    std::size_t depth = 0;
    bool in_string = false;
    bool escape = false;
  };

  void consume(std::string_view data);
  std::size_t value_bytes(std::string_view data);
  std::size_t scalar_bytes(std::string_view data);
  void begin_value(char c);
  void end_value();
  void after(char c);
  void keep(std::string_view bytes);
  int parent_id() const { return frames_.empty() ? 0 : frames_.back().id; }
  std::string_view parent_key() const;
  [[noreturn]] void fail(char c, std::size_t at) const;

  ByteSource& source_;
  JsonWalkOptions options_;
  simdjson::dom::parser parser_;
  Handler* handler_ = nullptr;
  std::vector<Frame> frames_;
  State state_ = State::Value;
  Nesting nesting_;
  bool capture_ = false;
  bool oversized_ = false;
  bool too_deep_ = false;
  std::string element_;
  std::size_t offset_ = 0;
};

}  // namespace tcfeed::pipeline
