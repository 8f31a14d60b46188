#include "lib/pipeline/format/json_records.hpp"

#include <algorithm>
#include <cstring>
#include <new>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A lone small document is a keyed dump when every member holds an array or object; otherwise it
// is one record (a one-line JSON Lines file). One simdjson rejects is split too, so its members
// are judged (and counted) one by one.
bool looks_keyed(simdjson::dom::parser& parser, std::string_view text) {
  simdjson::dom::object object;
  if (parser.parse(text.data(), text.size()).get_object().get(object) != simdjson::SUCCESS) return true;
  for (auto field : object) {
    if (!field.value.is_array() && !field.value.is_object()) return false;
  }
  return true;
}

}  // namespace

bool JsonRecords::Nesting::step(char c) {
  if (in_string) {
    if (escape) return escape = false;
    if (c == '\\') escape = true;
    if (c == '"') in_string = false;
    return !in_string && depth == 0;
  }
  if (c == '"') in_string = true;
  if (c == '{' || c == '[') ++depth;
  if ((c == '}' || c == ']') && depth > 0) return --depth == 0;
  return false;
}

JsonRecords::JsonRecords(ByteSource& source, JsonOptions options)
    : source_(source), options_(options), parser_(options.max_record_bytes + 2) {
  // +2: a KeyedObject member is parsed wrapped as {"key":[...]}; the scanner enforces max_depth.
  if (parser_.allocate(4096, options_.max_depth + 2) != simdjson::SUCCESS) throw std::bad_alloc();
  element_.reserve(std::min<std::size_t>(options_.max_record_bytes, 1 << 16) + simdjson::SIMDJSON_PADDING);
}

void JsonRecords::read(const RecordFn& on_record) {
  on_record_ = &on_record;
  std::vector<char> chunk(std::max<std::size_t>(options_.chunk_bytes, 1));
  std::string prefix(read_head(source_, chunk));
  bool eof = false;
  form_ = options_.form;
  if (form_ == JsonForm::Auto) detect(prefix, chunk, eof);
  consume(prefix);
  prefix = std::string();
  while (!eof) {
    const std::size_t count = source_.read(chunk.data(), chunk.size());
    if (count == 0) break;
    consume(std::string_view(chunk.data(), count));
  }
  if (form_ == JsonForm::Lines) {
    end_line();
  } else if (state_ != State::Done && state_ != State::Open) {
    throw SourceError("JSON: the document ends before its closing bracket (truncated?)");
  }
}

// Buffers at most one record's worth of the start to tell the form apart.
void JsonRecords::detect(std::string& prefix, std::vector<char>& chunk, bool& eof) {
  Nesting nesting;
  bool started = false;
  bool closed = false;
  for (std::size_t scanned = 0;;) {
    for (; scanned < prefix.size(); ++scanned) {
      const char c = prefix[scanned];
      if (!started) {
        if (is_space(c)) continue;
        if (c != '{') {
          form_ = c == '[' ? JsonForm::Array : JsonForm::Lines;
          return;
        }
        started = true;
      }
      if (!closed) {
        closed = nesting.step(c);
      } else if (!is_space(c)) {
        form_ = JsonForm::Lines;  // a second top-level value
        return;
      }
    }
    if (prefix.size() > options_.max_record_bytes) {
      form_ = JsonForm::KeyedObject;
      return;
    }
    const std::size_t count = source_.read(chunk.data(), chunk.size());
    if (count == 0) break;
    prefix.append(chunk.data(), count);
  }
  eof = true;
  form_ = started && (!closed || looks_keyed(parser_, prefix)) ? JsonForm::KeyedObject : JsonForm::Lines;
}

void JsonRecords::consume(std::string_view data) {
  if (form_ == JsonForm::Lines) return consume_lines(data);
  for (const char c : data) step(c);
}

void JsonRecords::consume_lines(std::string_view data) {
  while (!data.empty()) {
    const auto newline = data.find('\n');
    const std::string_view part = data.substr(0, newline);
    if (!oversized_) {
      if (element_.size() + part.size() > options_.max_record_bytes) {
        oversized_ = true;
      } else {
        element_.append(part);
      }
    }
    if (newline == std::string_view::npos) return;
    end_line();
    data.remove_prefix(newline + 1);
  }
}

void JsonRecords::end_line() {
  const std::string_view line = trim(element_);
  if (oversized_) {
    ++stats_.oversized;
  } else if (!line.empty()) {
    Nesting nesting;
    std::size_t deepest = 0;
    for (const char c : line) {
      nesting.step(c);
      deepest = std::max(deepest, nesting.depth);
    }
    if (deepest > options_.max_depth) {
      ++stats_.too_deep;
    } else {
      element_.resize(static_cast<std::size_t>(line.data() + line.size() - element_.data()));
      element_.erase(0, static_cast<std::size_t>(line.data() - element_.data()));
      emit();
    }
  }
  element_.clear();
  oversized_ = false;
}

void JsonRecords::step(char c) {
  ++offset_;
  const bool array = form_ == JsonForm::Array;
  switch (state_) {
    case State::Open:
      if (is_space(c)) return;
      if (c != (array ? '[' : '{')) fail(c);
      return void(state_ = array ? State::FirstValue : State::FirstKey);
    case State::FirstValue:
      if (is_space(c)) return;
      if (c != ']') return begin_value(c);
      state_ = State::Done;
      return;
    case State::NextValue:
      if (is_space(c)) return;
      return begin_value(c);
    case State::MemberValue:
      if (is_space(c)) return;
      if (c == '[' && !oversized_) {
        member_prefix_ = element_;
        return void(state_ = State::ItemFirst);
      }
      return begin_value(c);
    case State::ItemFirst:
      if (is_space(c)) return;
      if (c == ']') return void(state_ = State::AfterValue);
      return begin_item(c);
    case State::ItemNext:
      if (is_space(c)) return;
      return begin_item(c);
    case State::ItemAfter:
      if (is_space(c)) return;
      if (c == ',') return void(state_ = State::ItemNext);
      if (c != ']') fail(c);
      in_item_ = false;
      return void(state_ = State::AfterValue);
    case State::AfterValue:
      if (is_space(c)) return;
      if (c == ',') {
        state_ = array ? State::NextValue : State::NextKey;
      } else if (c == (array ? ']' : '}')) {
        state_ = State::Done;
      } else {
        fail(c);
      }
      return;
    case State::FirstKey:
      if (c == '}') return void(state_ = State::Done);
      [[fallthrough]];
    case State::NextKey:
      if (is_space(c)) return;
      if (c != '"') fail(c);
      begin_record();
      element_.push_back('{');
      nesting_.step(c);
      append(c);
      state_ = State::Key;
      return;
    case State::Key:
      append(c);
      if (nesting_.step(c)) state_ = State::Colon;
      return;
    case State::Colon:
      if (is_space(c)) return;
      if (c != ':') fail(c);
      append(c);
      return void(state_ = State::MemberValue);
    case State::Value: return value_step(c);
    case State::Done:
      if (!is_space(c)) fail(c);
      return;
  }
}

void JsonRecords::begin_record() {
  element_.clear();
  oversized_ = false;
  too_deep_ = false;
  nesting_ = Nesting{};
}

void JsonRecords::begin_value(char c) {
  if (form_ == JsonForm::Array) begin_record();
  nesting_ = Nesting{};
  scalar_ = c != '{' && c != '[' && c != '"';
  state_ = State::Value;
  value_step(c);
}

void JsonRecords::begin_item(char c) {
  begin_record();
  element_ = member_prefix_;
  element_.push_back('[');
  in_item_ = true;
  begin_value(c);
}

void JsonRecords::value_step(char c) {
  if (scalar_) {
    if (c == ',' || c == ']' || c == '}' || is_space(c)) {
      end_value();
      --offset_;
      step(c);  // the delimiter belongs to the enclosing structure
      return;
    }
    append(c);
    return;
  }
  append(c);
  const bool closed = nesting_.step(c);
  if (nesting_.depth > options_.max_depth) too_deep_ = true;
  if (closed) end_value();
}

void JsonRecords::append(char c) {
  if (oversized_ || too_deep_) return;
  if (element_.size() >= options_.max_record_bytes) {
    oversized_ = true;
    return;
  }
  element_.push_back(c);
}

void JsonRecords::end_value() {
  state_ = in_item_ ? State::ItemAfter : State::AfterValue;
  if (too_deep_) return void(++stats_.too_deep);
  if (oversized_) return void(++stats_.oversized);
  if (in_item_) element_.push_back(']');
  if (form_ == JsonForm::KeyedObject) element_.push_back('}');
  emit();
}

void JsonRecords::emit() {
  simdjson::dom::element root;
  if (count_error(parser_.parse(element_).get(root))) return;
  if (form_ != JsonForm::KeyedObject) {
    ++stats_.records;
    (*on_record_)("", root);
    return;
  }
  simdjson::dom::object member;
  if (count_error(root.get_object().get(member))) return;
  for (auto field : member) {
    simdjson::dom::array items;
    if (field.value.get_array().get(items) != simdjson::SUCCESS) {
      ++stats_.records;
      (*on_record_)(field.key, field.value);
      continue;
    }
    for (auto item : items) {
      ++stats_.records;
      (*on_record_)(field.key, item);
    }
  }
}

bool JsonRecords::count_error(simdjson::error_code error) {
  if (error == simdjson::SUCCESS) return false;
  if (error == simdjson::DEPTH_ERROR) {
    ++stats_.too_deep;
  } else if (error == simdjson::CAPACITY) {
    ++stats_.oversized;
  } else {
    ++stats_.malformed;
  }
  return true;
}

void JsonRecords::fail(char c) const {
  std::string shown = c >= 0x20 && c < 0x7f ? std::string(1, c) : "\\x" + std::to_string(static_cast<unsigned char>(c));
  throw SourceError("JSON: unexpected '" + shown + "' at byte " + std::to_string(offset_));
}

}  // namespace tcfeed::pipeline
