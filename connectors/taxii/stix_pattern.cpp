#include "connectors/taxii/stix_pattern.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::taxii {
namespace {

using indicators::IndicatorType;
using pipeline::Unmapped;

enum class Token : std::uint8_t {
  End,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Dot,
  Comma,
  Equal,    // = or ==
  Compare,  // != <> < <= > >=
  String,   // '...' (text holds the value, escapes undone)
  Literal,  // any other literal: a number, t'...', h'...', b'...'
  Integer,  // a non-negative integer (also a Literal where one is expected)
  Word,     // an identifier (object types may have hyphens)
  Keyword,  // AND, OR… (text holds it)
  Star,     // `*` as a list index
};

constexpr std::array<std::string_view, 19> kKeywords = {
    "AND",   "OR",   "NOT",     "FOLLOWEDBY", "LIKE",  "MATCHES", "ISSUBSET", "ISSUPERSET", "LAST",  "IN",
    "START", "STOP", "SECONDS", "TRUE",       "FALSE", "WITHIN",  "REPEATS",  "TIMES",      "EXISTS"};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
using indicators::text::iequals;
using indicators::text::is_digit;

// Thrown inside the reader only: the pattern ends here with this reason.
struct Stop {
  Unmapped reason;
};

class PatternReader {
 public:
  PatternReader(std::string_view text, const PatternLimits& limits) : text_(text), limits_(limits) {}

  StixPattern read() {
    StixPattern result;
    try {
      if (text_.size() > limits_.max_bytes) throw Stop{Unmapped::PatternTooLarge};
      advance();
      observations();
      if (token_ != Token::End) syntax();
    } catch (const Stop& stop) {
      result.unsupported = stop.reason;
      return result;
    }
    if (first_unsupported_) {
      result.unsupported = first_unsupported_;
      return result;
    }
    result.values = std::move(values_);
    return result;
  }

 private:
  [[noreturn]] static void syntax() { throw Stop{Unmapped::PatternSyntax}; }
  void note(Unmapped reason) {
    if (!first_unsupported_) first_unsupported_ = reason;
  }
  bool keyword(std::string_view word) const { return token_ == Token::Keyword && text_token_ == word; }
  void expect(Token token) {
    if (token_ != token) syntax();
    advance();
  }
  void enter() {
    if (++depth_ > limits_.max_depth) throw Stop{Unmapped::PatternTooLarge};
  }
  void leave() { --depth_; }

  // ---- lexer ----
  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        ++pos_;
      } else if (text_.compare(pos_, 2, "/*") == 0) {
        const auto end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) syntax();
        pos_ = end + 2;
      } else if (text_.compare(pos_, 2, "//") == 0) {
        const auto end = text_.find_first_of("\r\n", pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end;
      } else {
        return;
      }
    }
  }

  // A quoted string from pos_ (at the opening quote). `escapes`: the STIX string literal's \' and
  // \\ (any other backslash is not a string literal); the t/h/b literals have none.
  void quoted(bool escapes) {
    ++pos_;
    value_.clear();
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '\'') return;
      if (c == '\\' && escapes) {
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '\\')) syntax();
        value_ += text_[pos_++];
      } else {
        value_ += c;
      }
    }
    syntax();  // never closed
  }

  void advance() {
    skip_space_and_comments();
    if (pos_ >= text_.size()) {
      token_ = Token::End;
      return;
    }
    const char c = text_[pos_];
    const auto two = text_.substr(pos_, 2);
    switch (c) {
      case '[':
        token_ = Token::LBracket;
        ++pos_;
        return;
      case ']':
        token_ = Token::RBracket;
        ++pos_;
        return;
      case '(':
        token_ = Token::LParen;
        ++pos_;
        return;
      case ')':
        token_ = Token::RParen;
        ++pos_;
        return;
      case ':':
        token_ = Token::Colon;
        ++pos_;
        return;
      case '.':
        token_ = Token::Dot;
        ++pos_;
        return;
      case ',':
        token_ = Token::Comma;
        ++pos_;
        return;
      case '*':
        token_ = Token::Star;
        ++pos_;
        return;
      case '\'':
        quoted(true);
        token_ = Token::String;
        return;
      default: break;
    }
    if (two == "==") {
      token_ = Token::Equal;
      pos_ += 2;
      return;
    }
    if (c == '=') {
      token_ = Token::Equal;
      ++pos_;
      return;
    }
    if (two == "!=" || two == "<>" || two == "<=" || two == ">=") {
      token_ = Token::Compare;
      pos_ += 2;
      return;
    }
    if (c == '<' || c == '>') {
      token_ = Token::Compare;
      ++pos_;
      return;
    }
    if (is_digit(c) || ((c == '-' || c == '+') && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      const bool sign = !is_digit(c);
      const std::size_t start = pos_;
      if (sign) ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      bool fraction = false;
      if (pos_ + 1 < text_.size() && text_[pos_] == '.' && is_digit(text_[pos_ + 1])) {
        fraction = true;
        ++pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      }
      token_ = sign || fraction ? Token::Literal : Token::Integer;
      text_token_ = text_.substr(start, pos_ - start);
      return;
    }
    if (is_alpha(c)) {
      const std::size_t start = pos_;
      while (pos_ < text_.size() && (is_alpha(text_[pos_]) || is_digit(text_[pos_]) || text_[pos_] == '-')) ++pos_;
      text_token_ = text_.substr(start, pos_ - start);
      if ((text_token_ == "t" || text_token_ == "h" || text_token_ == "b") && pos_ < text_.size() &&
          text_[pos_] == '\'') {
        quoted(false);
        token_ = Token::Literal;
        return;
      }
      token_ =
          std::find(kKeywords.begin(), kKeywords.end(), text_token_) != kKeywords.end() ? Token::Keyword : Token::Word;
      return;
    }
    syntax();
  }

  // ---- observation expressions ----
  void observations() {
    observation_or();
    while (keyword("FOLLOWEDBY")) {
      note(Unmapped::PatternFollowedBy);
      advance();
      observation_or();
    }
  }

  void observation_or() {
    observation_and();
    while (keyword("OR")) {
      advance();
      observation_and();
    }
  }

  void observation_and() {
    observation();
    while (keyword("AND")) {
      note(Unmapped::PatternAnd);
      advance();
      observation();
    }
  }

  void observation() {
    enter();
    if (token_ == Token::LBracket) {
      advance();
      comparison_or();
      expect(Token::RBracket);
    } else if (token_ == Token::LParen) {
      advance();
      observations();
      expect(Token::RParen);
    } else {
      syntax();
    }
    leave();
    while (qualifier()) {
    }
  }

  bool qualifier() {
    if (keyword("WITHIN")) {
      note(Unmapped::PatternQualifier);
      advance();
      if (token_ != Token::Integer && token_ != Token::Literal) syntax();
      advance();
      if (!keyword("SECONDS")) syntax();
      advance();
      return true;
    }
    if (keyword("START")) {
      note(Unmapped::PatternQualifier);
      advance();
      expect(Token::Literal);
      if (!keyword("STOP")) syntax();
      advance();
      expect(Token::Literal);
      return true;
    }
    if (keyword("REPEATS")) {
      note(Unmapped::PatternQualifier);
      advance();
      expect(Token::Integer);
      if (!keyword("TIMES")) syntax();
      advance();
      return true;
    }
    return false;
  }

  // ---- comparison expressions, inside one observation ----
  void comparison_or() {
    comparison_and();
    while (keyword("OR")) {
      advance();
      comparison_and();
    }
  }

  void comparison_and() {
    comparison();
    while (keyword("AND")) {
      note(Unmapped::PatternAnd);
      advance();
      comparison();
    }
  }

  void comparison() {
    if (++comparisons_ > limits_.max_comparisons) throw Stop{Unmapped::PatternTooLarge};
    if (token_ == Token::LParen) {
      enter();
      advance();
      comparison_or();
      expect(Token::RParen);
      leave();
      return;
    }
    if (keyword("EXISTS")) {
      note(Unmapped::PatternOperator);
      advance();
      object_path();
      return;
    }
    const std::optional<IndicatorType> type = object_path();
    if (!type) note(Unmapped::PatternObject);
    if (keyword("NOT")) {
      note(Unmapped::PatternOperator);
      advance();
    }
    if (token_ == Token::Equal) {
      advance();
      if (token_ == Token::String) {
        if (type) add(*type, value_);
        advance();
      } else {
        note(Unmapped::PatternLiteral);
        other_literal();
      }
      return;
    }
    note(Unmapped::PatternOperator);
    if (token_ == Token::Compare) {
      advance();
      any_literal();
    } else if (keyword("IN")) {
      advance();
      enter();
      expect(Token::LParen);
      any_literal();
      while (token_ == Token::Comma) {
        advance();
        any_literal();
      }
      expect(Token::RParen);
      leave();
    } else if (keyword("LIKE") || keyword("MATCHES") || keyword("ISSUBSET") || keyword("ISSUPERSET")) {
      advance();
      expect(Token::String);
    } else {
      syntax();
    }
  }

  void any_literal() {
    if (token_ == Token::String) {
      advance();
      return;
    }
    other_literal();
  }

  void other_literal() {
    if (token_ == Token::Literal || token_ == Token::Integer || keyword("TRUE") || keyword("FALSE") ||
        (token_ == Token::Word && (iequals(text_token_, "true") || iequals(text_token_, "false")))) {
      advance();
      return;
    }
    syntax();
  }

  // objectType ':' component ('.' component | '[' index ']')*; the type the path maps to, if any.
  std::optional<IndicatorType> object_path() {
    if (token_ != Token::Word) syntax();
    const std::string_view object_type = text_token_;
    advance();
    expect(Token::Colon);
    std::array<std::string, 2> parts;
    std::size_t count = 0;
    bool plain = true;  // only named components, at most two
    const auto component = [&] {
      if (token_ != Token::Word && token_ != Token::String) syntax();
      if (count < parts.size()) {
        parts[count] = token_ == Token::String ? value_ : std::string(text_token_);
      } else {
        plain = false;
      }
      ++count;
      advance();
    };
    component();
    while (token_ == Token::Dot || token_ == Token::LBracket) {
      if (token_ == Token::Dot) {
        advance();
        component();
      } else {
        advance();
        if (token_ != Token::Integer && token_ != Token::Star) syntax();
        advance();
        expect(Token::RBracket);
        plain = false;
      }
    }
    if (!plain) return std::nullopt;
    if (count == 1 && parts[0] == "value") {
      if (object_type == "ipv4-addr" || object_type == "ipv6-addr") return IndicatorType::Address;
      if (object_type == "domain-name") return IndicatorType::Host;
      if (object_type == "url") return IndicatorType::URL;
      if (object_type == "email-addr") return IndicatorType::EmailAddress;
    }
    if (count == 2 && object_type == "file" && parts[0] == "hashes") {
      for (const std::string_view name : {"MD5", "SHA-1", "SHA1", "SHA-256", "SHA256"}) {
        if (iequals(parts[1], name)) return IndicatorType::File;
      }
    }
    return std::nullopt;
  }

  void add(IndicatorType type, const std::string& value) {
    // An address with a prefix length is a network: ipv4-addr and ipv6-addr carry both.
    if (type == IndicatorType::Address && value.find('/') != std::string::npos) type = IndicatorType::CIDR;
    PatternValue item{type, value};
    if (std::find(values_.begin(), values_.end(), item) == values_.end()) values_.push_back(std::move(item));
  }

  std::string_view text_;
  const PatternLimits& limits_;
  std::size_t pos_ = 0;
  Token token_ = Token::End;
  std::string_view text_token_;
  std::string value_;  // the String token's value, or the t/h/b literal's content
  std::size_t depth_ = 0;
  std::size_t comparisons_ = 0;
  std::optional<Unmapped> first_unsupported_;
  std::vector<PatternValue> values_;
};

}  // namespace

StixPattern read_stix_pattern(std::string_view pattern, const PatternLimits& limits) {
  return PatternReader(pattern, limits).read();
}

}  // namespace tcfeed::connectors::taxii
