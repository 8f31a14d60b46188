#pragma once
// The CSV state machine of libcsv 3.0.3 (csv_parse / csv_fini with options 0: ',' delimiter, '"'
// quote, space and tab trimmed around unquoted fields, CR or LF ends a record, empty lines give
// no record, nothing is a parse error), re-implemented so that the feed readers stop paying
// libcsv's per-byte loop and callbacks, which alone took 685 ns of a URLhaus row in
// bench/urlhaus_hot_path_bench: a quoted field is found up to its closing quote sixteen bytes at a
// time and, when it closes within the input at hand, handed over without a copy; an unquoted one
// is taken up to its delimiter in one run. libcsv stays the oracle (docs/architecture.md, Dependencies):
// tests/unit/feeds/csv_scanner_test.cpp and tests/fuzz/csv_scanner_fuzz.cpp feed both the same
// bytes, chunked the same way, and require the same fields, record ends and states.
//
// Where libcsv (without CSV_STRICT) silently reads on, the scanner also tells the sink when the
// sink wants to know (`sink.broken_quote()`, optional): a closing quote followed by anything but a
// delimiter, a line end or trailing spaces (`"a"x,b`), and a quoted field still open when the input
// ends. libcsv then takes the quote as literal and keeps the field open, so one stray quote
// swallows every following line into one field; CsvReader drops such a record and resumes at the
// next line instead. Well-formed input never calls it, and the fields and states stay libcsv's.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tcfeed::pipeline {

// libcsv's parser states, in its order (ROW_NOT_BEGUN ... FIELD_MIGHT_HAVE_ENDED).
enum class CsvState : std::uint8_t { RowNotBegun, FieldNotBegun, FieldBegun, FieldMightHaveEnded };

class CsvScanner {
 public:
  // `sink.field(std::string_view)` for each field (valid during the call only) and
  // `sink.record_end(int terminator)`: the '\r' or '\n' that ended the record, -1 from finish().
  template <class Sink>
  void parse(const char* data, std::size_t size, Sink& sink);

  // The input ended: submits a record left open, as csv_fini does, and starts afresh.
  template <class Sink>
  void finish(Sink& sink);

  CsvState state() const { return state_; }

  // Drops a partial record (csv_free + csv_init); the field buffer keeps its capacity.
  void reset() {
    entry_.clear();
    state_ = CsvState::RowNotBegun;
    quoted_ = false;
    spaces_ = 0;
  }

 private:
  static constexpr bool is_space(char c) { return c == ' ' || c == '\t'; }
  static constexpr bool is_term(char c) { return c == '\r' || c == '\n'; }

  // The first '"' in [p, end), or nullptr. Inline, sixteen or eight bytes a step: feed fields are
  // short, and a libc memchr call costs more than it saves on twenty bytes.
  static const char* find_quote(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i quotes = _mm_set1_epi8('"');
    for (; end - p >= 16; p += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quotes)));
      if (mask != 0) return p + std::countr_zero(mask);
    }
#endif
    constexpr std::uint64_t kOnes = 0x0101010101010101u;
    constexpr std::uint64_t kHigh = 0x8080808080808080u;
    for (; end - p >= 8; p += 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      const std::uint64_t x = word ^ (kOnes * '"');
      // The lowest flagged byte is exactly the first zero byte of x (borrows only run upwards).
      const std::uint64_t zero = (x - kOnes) & ~x & kHigh;
      if (zero != 0) {
        if constexpr (std::endian::native == std::endian::little) return p + std::countr_zero(zero) / 8;
        for (int i = 0; i < 8; ++i) {
          if (p[i] == '"') return p + i;
        }
      }
    }
    for (; p < end; ++p) {
      if (*p == '"') return p;
    }
    return nullptr;
  }

  // A whole quoted field with no doubled quote inside, closed within this chunk: handed to the sink
  // straight from the input, which is what the general path below would build in entry_. Returns
  // the position after the delimiter, or nullptr to take the general path.
  template <class Sink>
  const char* quoted_field_in_place(const char* p, const char* end, Sink& sink) {
    const char* quote = find_quote(p, end);
    if (quote == nullptr || end - quote < 2 || (quote[1] != ',' && !is_term(quote[1]))) return nullptr;
    sink.field(std::string_view(p, static_cast<std::size_t>(quote - p)));
    state_ = CsvState::FieldNotBegun;
    if (quote[1] != ',') submit_record(sink, static_cast<unsigned char>(quote[1]));
    return quote + 2;
  }

  template <class Sink>
  static void broken_quote(Sink& sink) {
    if constexpr (requires { sink.broken_quote(); }) sink.broken_quote();
  }

  template <class Sink>
  void submit_field(Sink& sink) {
    // An unquoted field loses its trailing spaces; a quoted one had them removed already.
    if (!quoted_) entry_.resize(entry_.size() - spaces_);
    sink.field(std::string_view(entry_));
    entry_.clear();
    state_ = CsvState::FieldNotBegun;
    quoted_ = false;
    spaces_ = 0;
  }

  template <class Sink>
  void submit_record(Sink& sink, int terminator) {
    sink.record_end(terminator);
    entry_.clear();
    state_ = CsvState::RowNotBegun;
    quoted_ = false;
    spaces_ = 0;
  }

  std::string entry_;  // the field being read (libcsv's entry_buf)
  CsvState state_ = CsvState::RowNotBegun;
  bool quoted_ = false;
  std::size_t spaces_ = 0;  // trailing spaces and tabs in entry_ that trimming may take back
};

template <class Sink>
void CsvScanner::parse(const char* data, std::size_t size, Sink& sink) {
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    switch (state_) {
      case CsvState::RowNotBegun:
      case CsvState::FieldNotBegun: {
        const char c = *p++;
        if (is_space(c)) continue;
        if (is_term(c)) {
          // A blank line is no record; a line ending right after a delimiter ends an empty field.
          if (state_ == CsvState::FieldNotBegun) {
            submit_field(sink);
            submit_record(sink, static_cast<unsigned char>(c));
          }
        } else if (c == ',') {
          submit_field(sink);
        } else if (c == '"') {
          // entry_ is empty and spaces_ 0 between fields, so the in-place field is exact. Feeds
          // quote every field: stay here while the next one opens with a quote too.
          const char* next = quoted_field_in_place(p, end, sink);
          while (next != nullptr && state_ == CsvState::FieldNotBegun && next < end && *next == '"') {
            p = next + 1;
            next = quoted_field_in_place(p, end, sink);
          }
          if (next != nullptr) {
            p = next;
            continue;
          }
          state_ = CsvState::FieldBegun;
          quoted_ = true;
        } else {
          state_ = CsvState::FieldBegun;
          quoted_ = false;
          entry_.push_back(c);
        }
        break;
      }
      case CsvState::FieldBegun:
        if (quoted_) {
          // Inside quotes every byte but the quote is content: delimiters, line ends, spaces.
          const char* quote = find_quote(p, end);
          const char* stop = quote != nullptr ? quote : end;
          if (stop != p) {
            entry_.append(p, stop);
            spaces_ = 0;
          }
          p = stop;
          if (quote != nullptr) {
            // Kept for now: if the next byte is another quote this one is the escaped character.
            entry_.push_back('"');
            ++p;
            state_ = CsvState::FieldMightHaveEnded;
          }
        } else {
          // Unquoted: a quote is an ordinary byte here; only a delimiter or a line end stops.
          const char* stop = p;
          while (stop < end && *stop != ',' && !is_term(*stop)) ++stop;
          std::size_t trailing = 0;
          while (trailing < static_cast<std::size_t>(stop - p) &&
                 is_space(stop[-1 - static_cast<std::ptrdiff_t>(trailing)])) {
            ++trailing;
          }
          spaces_ = trailing == static_cast<std::size_t>(stop - p) ? spaces_ + trailing : trailing;
          entry_.append(p, stop);
          p = stop;
          if (p == end) break;
          const char c = *p++;
          submit_field(sink);
          if (c != ',') submit_record(sink, static_cast<unsigned char>(c));
        }
        break;
      case CsvState::FieldMightHaveEnded: {
        // The byte after a quote inside a quoted field decides what that quote was.
        const char c = *p++;
        if (c == ',' || is_term(c)) {
          entry_.resize(entry_.size() - spaces_ - 1);  // the closing quote and the spaces after it
          submit_field(sink);
          if (c != ',') submit_record(sink, static_cast<unsigned char>(c));
        } else if (is_space(c)) {
          entry_.push_back(c);
          ++spaces_;
        } else if (c == '"') {
          if (spaces_ != 0) {
            // `"a" "`: libcsv keeps the first quote and the spaces, and this quote may close.
            broken_quote(sink);
            spaces_ = 0;
            entry_.push_back(c);
          } else {
            state_ = CsvState::FieldBegun;  // `""`: one literal quote, already in entry_
          }
        } else {
          // `"a"b`: the quote was literal after all; the field goes on, still quoted.
          broken_quote(sink);
          state_ = CsvState::FieldBegun;
          spaces_ = 0;
          entry_.push_back(c);
        }
        break;
      }
    }
  }
}

template <class Sink>
void CsvScanner::finish(Sink& sink) {
  switch (state_) {
    case CsvState::FieldMightHaveEnded: entry_.resize(entry_.size() - spaces_ - 1); [[fallthrough]];
    case CsvState::FieldNotBegun:
    case CsvState::FieldBegun:
      if (state_ == CsvState::FieldBegun && quoted_) broken_quote(sink);  // never closed
      submit_field(sink);
      submit_record(sink, -1);
      break;
    case CsvState::RowNotBegun: break;
  }
  reset();
}

}  // namespace tcfeed::pipeline
