#pragma once
// Appends JSON straight into a caller-owned buffer: batch documents and CLI output are written
// without building a DOM, and the buffer is reused across batches.
#include <cstdint>
#include <string>
#include <string_view>

namespace tcfeed {

class JsonWriter {
public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { separate(); out_ += '{'; first_ = true; return *this; }
  JsonWriter& end_object() { out_ += '}'; first_ = false; return *this; }
  JsonWriter& begin_array() { separate(); out_ += '['; first_ = true; return *this; }
  JsonWriter& end_array() { out_ += ']'; first_ = false; return *this; }

  // An object key; the next value call writes its value.
  JsonWriter& key(std::string_view name) {
    separate();
    append_string(out_, name);
    out_ += ':';
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  JsonWriter& value(std::string_view text) { separate(); append_string(out_, text); return *this; }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag) { separate(); out_ += flag ? "true" : "false"; return *this; }
  JsonWriter& value(std::int64_t number) { separate(); out_ += std::to_string(number); return *this; }
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
