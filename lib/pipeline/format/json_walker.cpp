#include "lib/pipeline/format/json_walker.hpp"

#include <algorithm>
#include <new>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kParserStart = 4096;

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr bool starts_value(char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

}  // namespace

JsonWalker::JsonWalker(ByteSource& source, JsonWalkOptions options)
    : source_(source), options_(options), parser_(std::max(options.max_record_bytes, kParserStart)) {
  // +1: simdjson counts the captured value's root as a level. The walker enforces max_depth and
  // max_record_bytes itself; the parser's own maximum is never below its 4 KiB start, or simdjson
  // would refuse every document (it sizes for at least 32 bytes whatever the document).
  if (parser_.allocate(kParserStart, options_.max_depth + 1) != simdjson::SUCCESS) throw std::bad_alloc();
}

bool JsonWalker::walk(Handler& handler) {
  handler_ = &handler;
  std::vector<char> chunk(std::max<std::size_t>(options_.chunk_bytes, 16));
  const std::string_view head = read_head(source_, chunk);
  if (options_.max_bytes != 0 && head.size() > options_.max_bytes) return false;
  consume(head);
  for (;;) {
    const std::size_t count = source_.read(chunk.data(), chunk.size());
    if (count == 0) break;
    if (options_.max_bytes != 0 && offset_ + count > options_.max_bytes) return false;
    consume(std::string_view(chunk.data(), count));
  }
  if (state_ == State::Scalar && frames_.empty()) end_value();  // a bare scalar ends with the document
  if (state_ == State::Done) return true;
  if (state_ == State::Value && frames_.empty()) throw SourceError("JSON: the document is empty");
  throw SourceError("JSON: the document ends at byte " + std::to_string(offset_) + " before its " +
                    std::to_string(frames_.size() + (state_ == State::Nested ? nesting_.depth : 0)) +
                    " open brackets close (truncated?)");
}

void JsonWalker::consume(std::string_view data) {
  const std::size_t base = offset_;
  std::size_t i = 0;
  while (i < data.size()) {
    if (state_ == State::Nested) {
      i += value_bytes(data.substr(i));
      continue;
    }
    if (state_ == State::Scalar) {
      i += scalar_bytes(data.substr(i));
      continue;
    }
    const char c = data[i];
    switch (state_) {
      case State::ArrayFirst:
        if (c == ']') {
          after(c);
          break;
        }
        [[fallthrough]];
      case State::Value:
        if (is_space(c)) break;
        if (!starts_value(c)) fail(c, base + i);
        begin_value(c);
        // A skipped or captured value reads its first byte itself; an entered one starts here.
        if (state_ == State::Nested || state_ == State::Scalar) continue;
        break;
      case State::ObjectFirst:
        if (c == '}') {
          after(c);
          break;
        }
        [[fallthrough]];
      case State::ObjectKey:
        if (is_space(c)) break;
        if (c != '"') fail(c, base + i);
        frames_.back().key.clear();
        frames_.back().key_escape = false;
        state_ = State::Key;
        break;
      case State::Key: {
        Frame& top = frames_.back();
        if (top.key_escape) {
          top.key_escape = false;
        } else if (c == '\\') {
          top.key_escape = true;
        } else if (c == '"') {
          state_ = State::Colon;
          break;
        }
        if (top.key.size() < kMaxKey) top.key.push_back(c);
        break;
      }
      case State::Colon:
        if (is_space(c)) break;
        if (c != ':') fail(c, base + i);
        state_ = State::Value;
        break;
      case State::After:
        if (is_space(c)) break;
        if (c != ',' && c != (frames_.back().array ? ']' : '}')) fail(c, base + i);
        after(c);
        break;
      case State::Done:
        if (!is_space(c)) fail(c, base + i);
        break;
      case State::Nested:
      case State::Scalar: break;  // handled above
    }
    ++i;
  }
  offset_ = base + data.size();
}

// Reads a skipped or captured object, array or string up to its end; returns the bytes it used.
std::size_t JsonWalker::value_bytes(std::string_view data) {
  std::size_t n = 0;
  bool done = false;
  for (; n < data.size() && !done; ++n) {
    const char c = data[n];
    if (nesting_.in_string) {
      if (nesting_.escape) {
        nesting_.escape = false;
      } else if (c == '\\') {
        nesting_.escape = true;
      } else if (c == '"') {
        nesting_.in_string = false;
        done = nesting_.depth == 0;
      }
    } else if (c == '"') {
      nesting_.in_string = true;
    } else if (c == '{' || c == '[') {
      if (++nesting_.depth + frames_.size() > options_.max_depth) too_deep_ = true;
    } else if ((c == '}' || c == ']') && nesting_.depth > 0) {
      done = --nesting_.depth == 0;
    }
  }
  keep(data.substr(0, n));
  if (done) end_value();
  return n;
}

// Reads a skipped or captured number or literal up to the byte after it, which the enclosing
// container reads.
std::size_t JsonWalker::scalar_bytes(std::string_view data) {
  std::size_t n = 0;
  while (n < data.size() && !is_space(data[n]) && data[n] != ',' && data[n] != ']' && data[n] != '}') ++n;
  keep(data.substr(0, n));
  if (n < data.size()) end_value();
  return n;
}

void JsonWalker::begin_value(char c) {
  int id = 0;
  const JsonVisit visit = handler_->visit(parent_id(), parent_key(), c, id);
  const bool container = c == '{' || c == '[';
  if (visit == JsonVisit::Enter && container) {
    if (frames_.size() < options_.max_depth) {
      frames_.push_back(Frame{c == '[', id, {}, false});
      state_ = c == '[' ? State::ArrayFirst : State::ObjectFirst;
      return;
    }
    handler_->refused(parent_id(), parent_key(), JsonRefusal::TooDeep);
  }
  capture_ = visit == JsonVisit::Capture;
  oversized_ = false;
  too_deep_ = false;
  element_.clear();
  nesting_ = Nesting{};
  state_ = container || c == '"' ? State::Nested : State::Scalar;
}

void JsonWalker::keep(std::string_view bytes) {
  if (!capture_ || oversized_ || too_deep_) return;
  if (element_.size() + bytes.size() > options_.max_record_bytes) {
    oversized_ = true;
    return;
  }
  if (element_.capacity() < element_.size() + bytes.size() + simdjson::SIMDJSON_PADDING) {
    element_.reserve(std::max(element_.capacity() * 2, element_.size() + bytes.size() + simdjson::SIMDJSON_PADDING));
  }
  element_.append(bytes);
}

void JsonWalker::end_value() {
  state_ = frames_.empty() ? State::Done : State::After;
  if (!capture_) return;
  capture_ = false;
  if (too_deep_) return handler_->refused(parent_id(), parent_key(), JsonRefusal::TooDeep);
  if (oversized_) return handler_->refused(parent_id(), parent_key(), JsonRefusal::Oversized);
  simdjson::dom::element value;
  const auto error = parser_.parse(element_).get(value);
  if (error == simdjson::SUCCESS) return handler_->captured(parent_id(), parent_key(), value);
  handler_->refused(parent_id(), parent_key(),
                    error == simdjson::DEPTH_ERROR ? JsonRefusal::TooDeep
                    : error == simdjson::CAPACITY  ? JsonRefusal::Oversized
                                                   : JsonRefusal::Malformed);
}

// A comma or the closer of the innermost entered container.
void JsonWalker::after(char c) {
  if (c == ',') {
    state_ = frames_.back().array ? State::Value : State::ObjectKey;
    return;
  }
  const int id = frames_.back().id;
  frames_.pop_back();
  state_ = frames_.empty() ? State::Done : State::After;
  handler_->closed(id);
}

std::string_view JsonWalker::parent_key() const {
  if (frames_.empty() || frames_.back().array) return {};
  return frames_.back().key;
}

void JsonWalker::fail(char c, std::size_t at) const {
  const std::string shown =
      c >= 0x20 && c < 0x7f ? std::string(1, c) : "\\x" + std::to_string(static_cast<unsigned char>(c));
  throw SourceError("JSON: unexpected '" + shown + "' at byte " + std::to_string(at + 1));
}

}  // namespace tcfeed::pipeline
