#include "tests/unit/telemetry/prometheus_line.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace tcfeed::testing::prom {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// A cursor over one line; every failure names the line.
class Cursor {
 public:
  Cursor(std::string_view text, std::size_t line) : text_(text), line_(line) {}

  [[noreturn]] void fail(const std::string& message) const { throw PromParseError(line_, message); }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_blanks() {
    while (!at_end() && is_blank(text_[pos_])) ++pos_;
  }
  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  std::string_view token() {  // up to the next blank or the end
    const std::size_t start = pos_;
    while (!at_end() && !is_blank(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view name_token() {  // [a-zA-Z0-9_:]*, checked by the caller
    const std::size_t start = pos_;
    while (!at_end() && (is_name_start(text_[pos_]) || is_digit(text_[pos_]) || text_[pos_] == ':')) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view rest() {
    const std::string_view result = text_.substr(pos_);
    pos_ = text_.size();
    return result;
  }

  std::string metric_name(const char* where) {
    const std::string_view name = name_token();
    if (!is_metric_name(name)) fail(std::string("invalid metric name in ") + where);
    return std::string(name);
  }

  // Label value after its opening quote, up to and including the closing one.
  std::string quoted() {
    std::string value;
    while (true) {
      if (at_end()) fail("label value has no closing quote");
      const char c = text_[pos_++];
      if (c == '"') break;
      if (c != '\\') {
        value += c;
        continue;
      }
      const char escaped = peek();
      ++pos_;
      if (escaped == '\\' || escaped == '"') {
        value += escaped;
      } else if (escaped == 'n') {
        value += '\n';
      } else {
        fail("invalid escape sequence in label value (only \\\\, \\\" and \\n)");
      }
    }
    if (!is_utf8(value)) fail("label value is not valid UTF-8");
    return value;
  }

 private:
  std::string_view text_;
  std::size_t line_;
  std::size_t pos_ = 0;
};

std::string unescape_help(Cursor& cursor, std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (i + 1 < text.size() && text[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      cursor.fail("invalid escape sequence in HELP text (only \\\\ and \\n)");
    }
  }
  if (!is_utf8(out)) cursor.fail("HELP text is not valid UTF-8");
  return out;
}

Line read_comment(Cursor& cursor) {
  cursor.skip_blanks();
  const std::string_view keyword = cursor.token();
  Line line;
  if (keyword != "HELP" && keyword != "TYPE") return line;  // a plain comment
  cursor.skip_blanks();
  std::string name = cursor.metric_name(keyword == "HELP" ? "HELP line" : "TYPE line");
  if (!cursor.at_end() && !is_blank(cursor.peek()))
    cursor.fail("invalid metric name in " + std::string(keyword) + " line");
  cursor.skip_blanks();
  if (keyword == "HELP") {
    line.kind = Line::Kind::kHelp;
    line.help = {std::move(name), unescape_help(cursor, cursor.rest())};
    return line;
  }
  const std::string type(cursor.token());
  static const std::set<std::string, std::less<>> kTypes = {"counter", "gauge", "histogram", "summary", "untyped"};
  if (!kTypes.contains(type)) cursor.fail("unknown metric type '" + type + "'");
  cursor.skip_blanks();
  if (!cursor.at_end()) cursor.fail("unexpected text after the TYPE");
  line.kind = Line::Kind::kType;
  line.type = {std::move(name), type};
  return line;
}

void read_labels(Cursor& cursor, SampleLine& sample) {
  std::set<std::string, std::less<>> seen;
  while (true) {
    cursor.skip_blanks();
    if (cursor.consume('}')) return;
    const std::string name(cursor.name_token());
    if (!is_label_name(name)) {
      cursor.fail(name.empty() ? "expected a label name or '}'" : "invalid label name '" + name + "'");
    }
    if (name.starts_with("__")) cursor.fail("label name '" + name + "' is reserved");
    if (!seen.insert(name).second) cursor.fail("label '" + name + "' given twice");
    cursor.skip_blanks();
    if (!cursor.consume('=')) cursor.fail("expected '=' after label name '" + name + "'");
    cursor.skip_blanks();
    if (!cursor.consume('"')) cursor.fail("expected '\"' to open the value of label '" + name + "'");
    sample.labels.emplace_back(name, cursor.quoted());
    cursor.skip_blanks();
    if (cursor.consume('}')) return;
    if (!cursor.consume(',')) cursor.fail("expected ',' or '}' after a label value");
  }
}

Line read_sample(Cursor& cursor) {
  Line line;
  line.kind = Line::Kind::kSample;
  SampleLine& sample = line.sample;
  sample.name = cursor.metric_name("sample");
  bool separated = cursor.at_end() || is_blank(cursor.peek());
  cursor.skip_blanks();
  if (cursor.consume('{')) {
    read_labels(cursor, sample);
    separated = cursor.at_end() || is_blank(cursor.peek());
    cursor.skip_blanks();
  }
  if (!separated) cursor.fail("expected a blank before the value");
  const std::string_view value = cursor.token();
  if (value.empty()) cursor.fail("sample has no value");
  const auto parsed = parse_value(value);
  if (!parsed) cursor.fail("value '" + std::string(value) + "' is not a float");
  sample.value = *parsed;
  cursor.skip_blanks();
  if (cursor.at_end()) return line;
  const std::string_view stamp = cursor.token();
  std::int64_t timestamp = 0;
  const char* begin = stamp.data() + (stamp.starts_with('+') ? 1 : 0);
  const auto [end, ec] = std::from_chars(begin, stamp.data() + stamp.size(), timestamp);
  if (ec != std::errc() || end != stamp.data() + stamp.size() || begin == end) {
    cursor.fail("timestamp '" + std::string(stamp) + "' is not an integer");
  }
  sample.timestamp_ms = timestamp;
  cursor.skip_blanks();
  if (!cursor.at_end()) cursor.fail("unexpected text after the timestamp");
  return line;
}

}  // namespace

bool is_metric_name(std::string_view name) {
  if (name.empty() || !(is_name_start(name[0]) || name[0] == ':')) return false;
  for (const char c : name) {
    if (!(is_name_start(c) || is_digit(c) || c == ':')) return false;
  }
  return true;
}

bool is_label_name(std::string_view name) {
  if (name.empty() || !is_name_start(name[0])) return false;
  for (const char c : name) {
    if (!(is_name_start(c) || is_digit(c))) return false;
  }
  return true;
}

bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, code = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, code = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

std::optional<double> parse_value(std::string_view token) {
  if (token == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (token == "+Inf") return std::numeric_limits<double>::infinity();
  if (token == "-Inf") return -std::numeric_limits<double>::infinity();
  std::string_view digits = token;
  if (digits.starts_with('+') || digits.starts_with('-')) digits.remove_prefix(1);
  // from_chars alone would also take "inf", "nan" and "infinity"; the format's spellings are above.
  if (digits.empty() || !(is_digit(digits[0]) || digits[0] == '.')) return std::nullopt;
  double value = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return token.starts_with('-') ? -value : value;
}

Line read_line(std::string_view text, std::size_t line_number) {
  Cursor cursor(text, line_number);
  cursor.skip_blanks();
  if (cursor.at_end()) return {};
  if (cursor.consume('#')) return read_comment(cursor);
  return read_sample(cursor);
}

}  // namespace tcfeed::testing::prom
