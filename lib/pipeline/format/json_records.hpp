#pragma once
// Streaming JSON records over a ByteSource. simdjson needs a whole document in memory, so a large
// export is never parsed whole: JSON lines are parsed line by line, and a top-level array or an
// object keyed by id (URLhaus's dump) is split into its elements by a bounded scanner (string,
// escape and depth state only) and each element is parsed on its own. A member whose value is an
// array (`{"data":[...]}`, an API's envelope) is split further, element by element, so one element
// too deep, too large or refused by the parser is counted on its own and its siblings still read.
#include <simdjson.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

enum class JsonForm {
  Auto,         // told from the content: '[' → Array; '{' → Lines when a second value follows,
                // KeyedObject when the first value is large or every member is an array or object
  Lines,        // one value per line (JSON Lines)
  Array,        // [ {...}, {...} ]: each element is a record
  KeyedObject,  // { "<id>": [ {...} ], ... }: each member is a record, an array member one per element
};

struct JsonOptions {
  JsonForm form = JsonForm::Auto;
  std::size_t max_record_bytes = 1 << 20;  // a larger element is counted and skipped
  std::size_t max_depth = 64;              // a deeper element is counted and skipped
  std::size_t chunk_bytes = 64 * 1024;
};

struct JsonStats {
  std::size_t records = 0;
  std::size_t oversized = 0;
  std::size_t too_deep = 0;
  std::size_t malformed = 0;  // an element simdjson rejected
};

class JsonRecords {
 public:
  // `key` is the member name for KeyedObject and "" otherwise. The element is valid during the
  // callback only.
  using RecordFn = std::function<void(std::string_view key, simdjson::dom::element record)>;

  JsonRecords(ByteSource& source, JsonOptions options = {});

  // Reads the source to its end. Throws SourceError when the source fails or the document's
  // structure is broken (a truncated download must not pass for a shorter feed).
  void read(const RecordFn& on_record);

  const JsonStats& stats() const { return stats_; }
  JsonForm form() const { return form_; }  // the form read (resolved from Auto)

 private:
  // Item*: inside a KeyedObject member whose value is an array, each element is a record of its own.
  enum class State {
    Open,
    FirstValue,
    NextValue,
    AfterValue,
    FirstKey,
    NextKey,
    Key,
    Colon,
    MemberValue,
    Value,
    ItemFirst,
    ItemNext,
    ItemAfter,
    Done
  };

  // Depth and string state of one value; step() says when the value begun at depth 0 closes.
  struct Nesting {
    std::size_t depth = 0;
    bool in_string = false;
    bool escape = false;
    bool step(char c);
  };

  void detect(std::string& prefix, std::vector<char>& chunk, bool& eof);
  void consume(std::string_view data);
  void consume_lines(std::string_view data);
  void end_line();
  void step(char c);
  void begin_record();
  void begin_value(char c);
  void begin_item(char c);
  void value_step(char c);
  void end_value();
  void append(char c);
  void emit();
  bool count_error(simdjson::error_code error);
  [[noreturn]] void fail(char c) const;

  ByteSource& source_;
  JsonOptions options_;
  JsonForm form_ = JsonForm::Auto;
  simdjson::dom::parser parser_;
  const RecordFn* on_record_ = nullptr;
  JsonStats stats_;

  State state_ = State::Open;
  Nesting nesting_;
  bool scalar_ = false;
  bool oversized_ = false;
  bool too_deep_ = false;
  bool in_item_ = false;       // the value being read is an element of a KeyedObject array member
  std::string member_prefix_;  // that member's `{"key":`, which each of its elements is parsed under
  std::string element_;        // the element being captured (a KeyedObject member as `{"key":value}`)
  std::size_t offset_ = 0;
};

}  // namespace tcfeed::pipeline
