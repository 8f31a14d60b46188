#pragma once
// Streaming CSV over a ByteSource, parsed as libcsv parses it (RFC 4180; docs/architecture.md,
// Dependencies; the scanner is lib/pipeline/format/csv_scanner.hpp, with libcsv as its test oracle)
// plus the feeds' quirks: `#` comment lines (URLhaus and ThreatFox put their header in one), `", "`
// separators (libcsv trims unquoted spaces around fields), quoted commas and newlines, CRLF.
// Columns are found by header name, so a column a feed adds never breaks a mapper. A record with a
// broken quote is counted and skipped, and reading resumes at the next line (CsvStats::broken).
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/pipeline/format/csv_scanner.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

enum class CsvHeader {
  None,         // every record is data; column() finds nothing
  FirstRecord,  // the first non-comment record names the columns
  LastComment,  // the last comment line before the data that has two or more fields
};

struct CsvOptions {
  char comment = '#';  // a line starting with it (outside a quoted field) is skipped; '\0' = none
  CsvHeader header = CsvHeader::FirstRecord;
  // A record whose input or fields exceed this is skipped and counted as oversized. It also bounds
  // the scanner's field buffer: an unterminated quote cannot swallow the feed into memory.
  std::size_t max_record_bytes = 1 << 20;
  std::size_t chunk_bytes = 64 * 1024;
};

struct CsvStats {
  std::size_t records = 0;  // data records handed to the callback
  std::size_t comments = 0;
  std::size_t oversized = 0;  // records skipped for max_record_bytes
  // Records dropped because their quotes do not pair up (`"a"x,b`, a quote never closed): the
  // reader resumes at the next line, so one stray quote costs one line, not the rest of the feed.
  std::size_t broken = 0;
};

class CsvReader {
 public:
  // Fields are valid during the callback only.
  using RecordFn = std::function<void(std::span<const std::string_view> fields)>;
  // Called once, before the first record (or at the end when there is none), when header() and
  // column() are known; throw from it to refuse the feed (a missing required column).
  using HeaderFn = std::function<void(const CsvReader&)>;

  CsvReader(ByteSource& source, CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the source to its end. Throws SourceError when the source fails.
  void read(const RecordFn& on_record, const HeaderFn& on_header = {});

  // The header's index of `name` (exact match), or -1.
  int column(std::string_view name) const;
  const std::vector<std::string>& header() const { return header_; }
  const CsvStats& stats() const { return stats_; }

 private:
  friend class CsvScanner;
  // The scanner's sink (see CsvScanner::parse).
  void field(std::string_view data);
  void record_end(int terminator);
  void broken_quote() { record_broken_ = true; }
  void finish_record();
  void feed(const char* data, std::size_t size);
  void feed_lines(const char* data, std::size_t size);
  void own_fields();
  void end_comment();
  void reset_parser();
  void take_header(std::vector<std::string> names);

  ByteSource& source_;
  CsvOptions options_;
  CsvScanner scanner_;
  const RecordFn* on_record_ = nullptr;
  const HeaderFn* on_header_ = nullptr;
  bool header_done_ = false;
  std::vector<std::string> header_;
  CsvStats stats_;

  // The record being assembled. A field still in the chunk being fed is referred to where it is;
  // the others (a field the scanner had to unescape or join across chunks), and every field once
  // the chunk is about to be refilled, are copied into record_ back to back.
  struct FieldRef {
    const char* data;  // nullptr: in record_ at `offset`
    std::size_t offset;
    std::size_t size;
  };
  std::string record_;
  std::vector<FieldRef> fields_;
  std::size_t record_bytes_ = 0;       // the fields' total size, what max_record_bytes limits
  const char* input_begin_ = nullptr;  // the chunk being fed
  const char* input_end_ = nullptr;
  std::vector<std::string_view> views_;
  bool record_oversized_ = false;
  bool record_broken_ = false;    // the scanner found a stray or unclosed quote in this record
  std::size_t record_input_ = 0;  // input bytes fed since the parser was last between records
  bool line_start_ = true;        // the next byte begins a line

  enum class Skip { None, Comment, Resync };
  Skip skip_ = Skip::None;
  std::string comment_;                      // the comment line being read
  std::vector<std::string> comment_header_;  // the last header-like comment before the data
};

}  // namespace tcfeed::pipeline
