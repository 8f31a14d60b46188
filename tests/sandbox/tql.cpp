#include "tests/sandbox/tql.hpp"

#include <cctype>

namespace tcfeed::sandbox {
namespace {

bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

enum class TokenKind { kWord, kString, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::optional<std::string> next(Token& token) {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token = {};
    if (pos_ >= text_.size()) return std::nullopt;
    const char c = text_[pos_];
    if (c == '"' || c == '\'') return quoted(c, token);
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') {
      token.kind = TokenKind::kWord;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                     text_[pos_] == '-' || text_[pos_] == '.')) {
        token.text += text_[pos_++];
      }
      return std::nullopt;
    }
    token.kind = TokenKind::kSymbol;
    if (c == '!' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') {
      token.text = "!=";
      pos_ += 2;
      return std::nullopt;
    }
    if ((c == '>' || c == '<') && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') {
      token.text = std::string(1, c) + "=";
      pos_ += 2;
      return std::nullopt;
    }
    if (c == '=' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<') {
      token.text = std::string(1, c);
      ++pos_;
      return std::nullopt;
    }
    return "unexpected character '" + std::string(1, c) + "'";
  }

 private:
  std::optional<std::string> quoted(char quote, Token& token) {
    token.kind = TokenKind::kString;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == quote) return std::nullopt;
      if (c == '\\' && pos_ < text_.size()) {
        const char escaped = text_[pos_++];
        if (escaped != '"' && escaped != '\'' && escaped != '`' && escaped != '\\') {
          return "unknown escape \\" + std::string(1, escaped);
        }
        token.text += escaped;
        continue;
      }
      token.text += c;
    }
    return "unterminated string";
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_word(const Token& token, std::string_view word) {
  return token.kind == TokenKind::kWord && same_text(token.text, word);
}

bool is_symbol(const Token& token, std::string_view symbol) {
  return token.kind == TokenKind::kSymbol && token.text == symbol;
}

// A literal: a quoted string or a bare word (numbers, null).
bool is_value(const Token& token) { return token.kind == TokenKind::kString || token.kind == TokenKind::kWord; }

std::optional<std::string> parse_clause(Lexer& lexer, Token& token, TqlClause& clause) {
  if (token.kind != TokenKind::kWord) return std::string("expected a field name");
  clause.field = token.text;
  if (auto error = lexer.next(token)) return error;
  if (is_symbol(token, "(")) {
    // hasTag(summary <op> …): the inner clause's operator and values, applied to each tag.
    if (!same_text(clause.field, "hasTag")) return "only hasTag( takes a nested clause, not " + clause.field + "(";
    if (auto error = lexer.next(token)) return error;
    TqlClause inner;
    if (auto error = parse_clause(lexer, token, inner)) return error;
    if (!same_text(inner.field, "summary")) return std::string("hasTag( supports summary only");
    if (!is_symbol(token, ")")) return std::string("expected ) to close hasTag(");
    clause.op = inner.op;
    clause.values = std::move(inner.values);
    return lexer.next(token);
  }
  if (is_word(token, "is")) {
    if (auto error = lexer.next(token)) return error;
    clause.op = TqlOp::kIsNull;
    if (is_word(token, "not")) {
      clause.op = TqlOp::kIsNotNull;
      if (auto error = lexer.next(token)) return error;
    }
    if (!is_word(token, "null")) return "expected null after is [not] for " + clause.field;
    return lexer.next(token);
  }
  if (is_word(token, "in")) {
    clause.op = TqlOp::kIn;
    if (auto error = lexer.next(token)) return error;
    if (!is_symbol(token, "(")) return "expected ( after in";
    do {
      if (auto error = lexer.next(token)) return error;
      if (!is_value(token)) return std::string("expected a value in the in list");
      clause.values.push_back(token.text);
      if (auto error = lexer.next(token)) return error;
    } while (is_symbol(token, ","));
    if (!is_symbol(token, ")")) return std::string("expected ) to close the in list");
    return lexer.next(token);
  }
  if (is_symbol(token, "=") || is_word(token, "eq")) {
    clause.op = TqlOp::kEquals;
  } else if (is_symbol(token, "!=") || is_word(token, "ne")) {
    clause.op = TqlOp::kNotEquals;
  } else if (is_symbol(token, ">") || is_word(token, "gt")) {
    clause.op = TqlOp::kGreater;
  } else if (is_symbol(token, ">=") || is_word(token, "geq")) {
    clause.op = TqlOp::kGreaterEq;
  } else if (is_symbol(token, "<") || is_word(token, "lt")) {
    clause.op = TqlOp::kLess;
  } else if (is_symbol(token, "<=") || is_word(token, "leq")) {
    clause.op = TqlOp::kLessEq;
  } else {
    return "unsupported operator after " + clause.field;
  }
  if (auto error = lexer.next(token)) return error;
  if (!is_value(token)) return "expected a value for " + clause.field;
  clause.values.push_back(token.text);
  return lexer.next(token);
}

bool equals_value(const std::optional<std::string>& actual, std::string_view expected) {
  if (same_text(expected, "null")) return !actual;
  return actual && same_text(*actual, expected);
}

std::optional<double> as_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(std::string(text), &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// -1, 0, 1: numbers as numbers, anything else as text (ISO times order as text).
int compare_values(std::string_view actual, std::string_view expected) {
  const auto a = as_number(actual);
  const auto b = as_number(expected);
  if (a && b) return *a < *b ? -1 : (*a > *b ? 1 : 0);
  const int c = actual.compare(expected);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool holds_for(const TqlClause& clause, const std::optional<std::string>& actual) {
  switch (clause.op) {
    case TqlOp::kEquals: return equals_value(actual, clause.values.front());
    case TqlOp::kNotEquals: return !equals_value(actual, clause.values.front());
    case TqlOp::kIn:
      for (const auto& value : clause.values) {
        if (equals_value(actual, value)) return true;
      }
      return false;
    case TqlOp::kIsNull: return !actual;
    case TqlOp::kIsNotNull: return actual.has_value();
    case TqlOp::kLess: return actual && compare_values(*actual, clause.values.front()) < 0;
    case TqlOp::kLessEq: return actual && compare_values(*actual, clause.values.front()) <= 0;
    case TqlOp::kGreater: return actual && compare_values(*actual, clause.values.front()) > 0;
    case TqlOp::kGreaterEq: return actual && compare_values(*actual, clause.values.front()) >= 0;
  }
  return false;
}

}  // namespace

std::optional<std::string> parse_tql(std::string_view text, std::vector<TqlClause>& clauses) {
  clauses.clear();
  Lexer lexer(text);
  Token token;
  if (auto error = lexer.next(token)) return "Invalid TQL: " + *error;
  if (token.kind == TokenKind::kEnd) return std::nullopt;
  int depth = 0;
  while (true) {
    while (is_symbol(token, "(")) {
      ++depth;
      if (auto error = lexer.next(token)) return "Invalid TQL: " + *error;
    }
    TqlClause clause;
    if (auto error = parse_clause(lexer, token, clause)) return "Invalid TQL: " + *error;
    clauses.push_back(std::move(clause));
    while (is_symbol(token, ")")) {
      if (--depth < 0) return std::string("Invalid TQL: unbalanced )");
      if (auto error = lexer.next(token)) return "Invalid TQL: " + *error;
    }
    if (token.kind == TokenKind::kEnd) {
      if (depth != 0) return std::string("Invalid TQL: unbalanced (");
      return std::nullopt;
    }
    if (!is_word(token, "and")) {
      return "Invalid TQL: only clauses joined with and are supported by tcfeed-sandbox, got \"" + token.text + "\"";
    }
    if (auto error = lexer.next(token)) return "Invalid TQL: " + *error;
  }
}

std::optional<std::string> tql_check(const std::vector<TqlClause>& clauses, std::span<const TqlField> fields) {
  for (const auto& clause : clauses) {
    const TqlField* found = nullptr;
    for (const auto& field : fields) {
      if (same_text(field.name, clause.field)) found = &field;
    }
    if (found == nullptr) return "Invalid TQL: field " + clause.field + " is not supported by tcfeed-sandbox here";
    if ((clause.op == TqlOp::kIsNull || clause.op == TqlOp::kIsNotNull) && !found->null_checks) {
      return "Invalid TQL: " + clause.field + " cannot be null";
    }
  }
  return std::nullopt;
}

bool tql_matches(const std::vector<TqlClause>& clauses, std::span<const TqlField> fields, const TqlLookup& lookup) {
  for (const auto& clause : clauses) {
    const TqlField* found = nullptr;
    for (const auto& field : fields) {
      if (same_text(field.name, clause.field)) found = &field;
    }
    const auto actual = lookup(found != nullptr ? found->name : std::string_view(clause.field));
    bool holds = false;
    if (found != nullptr && found->many) {
      const std::string all = actual.value_or("");
      std::string_view rest = all;
      while (!holds && !rest.empty()) {
        const auto end = rest.find('\x1f');
        holds = holds_for(clause, std::string(rest.substr(0, end)));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      }
    } else {
      holds = holds_for(clause, actual);
    }
    if (!holds) return false;
  }
  return true;
}

}  // namespace tcfeed::sandbox
