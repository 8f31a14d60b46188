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
  static constexpr std::size_t kMaxSize = 60;

  template <std::size_t N>
  consteval JsonName(const char (&literal)[N]) : text_(literal, N - 1) {  // NOLINT: implicit on purpose
    static_assert(N - 1 <= kMaxSize, "a key this long is data: use key(std::string_view)");
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

  JsonWriter& begin_object() { separate(); out_ += '{'; first_ = true; return *this; }
  JsonWriter& end_object() { out_ += '}'; first_ = false; return *this; }
  JsonWriter& begin_array() { separate(); out_ += '['; first_ = true; return *this; }
  JsonWriter& end_array() { out_ += ']'; first_ = false; return *this; }

  // An object key; the next value call writes its value. A literal key is copied as it is.
  JsonWriter& key(JsonName name) {
    separate();
    // One append of `"name":` (each std::string append checks and grows): keys are most of the
    // appends of a batch document.
    char quoted[JsonName::kMaxSize + 3];
    const std::string_view text = name.text();
    quoted[0] = '"';
    text.copy(quoted + 1, text.size());
    quoted[text.size() + 1] = '"';
    quoted[text.size() + 2] = ':';
    out_.append(quoted, text.size() + 3);
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  template <class Name>
    requires std::convertible_to<const Name&, std::string_view> && (!std::is_array_v<Name>)
  JsonWriter& key(const Name& name) {
    separate();
    append_string(out_, name);
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view text) { separate(); append_string(out_, text); return *this; }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag) { separate(); out_ += flag ? "true" : "false"; return *this; }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& null() { separate(); out_ += "null"; return *this; }

  // Writes `text` as a JSON string literal (quotes included); invalid UTF-8 bytes become U+FFFD
  // so the document stays valid whatever a feed sent.
  static void append_string(std::string& out, std::string_view text);

private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace tcfeed
