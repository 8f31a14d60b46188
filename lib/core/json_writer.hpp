#pragma once
// Appends JSON straight into a caller-owned buffer: batch documents and CLI output are written
// without building a DOM, and the buffer is reused across batches.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace tcfeed {

// An object key written as a string literal: checked when the program is compiled to need no
// escaping, so writing it is a copy. Keys from data go through JsonWriter::key(std::string_view).
class JsonName {
 public:
  template <std::size_t N>
  consteval JsonName(const char (&literal)[N]) : text_(literal, N - 1) {  // NOLINT: implicit on purpose
    for (const char c : text_) {
      // Not a constant expression, so a literal that would need escaping fails to compile.
      if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x80) throw "escape";
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() {
    out_ += '}';
    first_ = false;
    return *this;
  }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() {
    out_ += ']';
    first_ = false;
    return *this;
  }

  // An object key; the next value call writes its value. A literal key is copied as it is, with
  // its separator, quotes and colon in one piece: each std::string append checks and grows, and
  // keys are most of the pieces of a batch document.
  JsonWriter& key(JsonName name) {
    const std::string_view text = name.text();
    const std::size_t comma = first_ ? 0 : 1;
    char* piece = grow(out_, comma + text.size() + 3);
    piece[0] = ',';  // overwritten by the quote when there is no comma
    piece[comma] = '"';
    text.copy(piece + comma + 1, text.size());
    piece[comma + text.size() + 1] = '"';
    piece[comma + text.size() + 2] = ':';
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  template <class Name>
  requires std::convertible_to<const Name&, std::string_view> &&
      (!std::is_array_v<Name>)JsonWriter& key(const Name& name) {
    separate();
    append_string(out_, name);
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view text) {
    append_string(out_, text, first_ ? '\0' : ',');
    first_ = false;
    return *this;
  }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
  }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& null() {
    separate();
    out_ += "null";
    return *this;
  }

  // key(name).value(...) in one piece: an indicator is mostly such members.
  JsonWriter& member(JsonName name, std::string_view text);
  JsonWriter& member(JsonName name, std::int64_t number);
  JsonWriter& member(JsonName name, int number) { return member(name, static_cast<std::int64_t>(number)); }

  // Writes `text` as a JSON string literal (quotes included); invalid UTF-8 bytes become U+FFFD
  // so the document stays valid whatever a feed sent.
  static void append_string(std::string& out, std::string_view text) { append_string(out, text, '\0'); }
  // Whether `text` goes between a string literal's quotes as it is (printable ASCII but '"' and
  // '\\'), so that a writer that knows its whole output can copy it in one piece.
  static bool is_verbatim(std::string_view text);

 private:
  // Grows `out` by `size` bytes and returns where they start, for a piece written in place: one
  // capacity check instead of one per part. (Copying through a small stack buffer instead makes
  // GCC inline the copy as `rep movs`, slow to start on the few bytes JSON pieces have.)
  static char* grow(std::string& out, std::size_t size) {
    const std::size_t at = out.size();
    out.resize(at + size);
    return out.data() + at;
  }

  // append_string() after `separator` unless that is '\0'.
  static void append_string(std::string& out, std::string_view text, char separator);

  JsonWriter& open(char bracket) {
    if (first_) {
      out_ += bracket;
    } else {
      const char pair[2] = {',', bracket};
      out_.append(pair, 2);
    }
    first_ = true;
    return *this;
  }

  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace tcfeed
