#include "lib/pipeline/format/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <utility>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

// The names in a header comment such as `# id,dateadded,url` or `# "first_seen_utc", "ioc_id"`.
std::vector<std::string> parse_comment_fields(std::string_view line, char comment) {
  if (!line.empty() && line.front() == comment) line.remove_prefix(1);
  struct Collect {
    std::vector<std::string> names;
    void field(std::string_view name) { names.emplace_back(name); }
    void record_end(int) {}
  } collect;
  CsvScanner scanner;
  scanner.parse(line.data(), line.size(), collect);
  scanner.finish(collect);
  return std::move(collect.names);
}

}  // namespace

CsvReader::CsvReader(ByteSource& source, CsvOptions options) : source_(source), options_(options) {}

CsvReader::~CsvReader() = default;

int CsvReader::column(std::string_view name) const {
  const auto found = std::find(header_.begin(), header_.end(), name);
  return found == header_.end() ? -1 : static_cast<int>(found - header_.begin());
}

void CsvReader::read(const RecordFn& on_record, const HeaderFn& on_header) {
  on_record_ = &on_record;
  on_header_ = &on_header;
  std::vector<char> chunk(std::max<std::size_t>(options_.chunk_bytes, 1));
  std::string_view head = read_head(source_, chunk);
  feed(head.data(), head.size());
  for (;;) {
    const std::size_t count = source_.read(chunk.data(), chunk.size());
    if (count == 0) break;
    feed(chunk.data(), count);
  }
  if (skip_ == Skip::Comment) end_comment();
  skip_ = Skip::None;
  scanner_.finish(*this);
  if (!header_done_)
    take_header(options_.header == CsvHeader::LastComment ? std::move(comment_header_) : std::vector<std::string>{});
}

void CsvReader::feed(const char* data, std::size_t size) {
  input_begin_ = data;
  input_end_ = data + size;
  feed_lines(data, size);
  own_fields();
  input_begin_ = input_end_ = nullptr;
}

void CsvReader::own_fields() {
  // The chunk is about to be refilled: a record that goes on into the next one keeps copies.
  for (FieldRef& field : fields_) {
    if (field.data == nullptr) continue;
    const std::size_t offset = record_.size();
    record_.append(field.data, field.size);
    field = {nullptr, offset, field.size};
  }
}

void CsvReader::feed_lines(const char* data, std::size_t size) {
  std::size_t pos = 0;
  while (pos < size) {
    const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
    const std::size_t end = newline != nullptr ? static_cast<std::size_t>(newline - data) + 1 : size;
    if (skip_ != Skip::None) {
      if (skip_ == Skip::Comment) {
        const std::size_t room = options_.max_record_bytes - std::min(options_.max_record_bytes, comment_.size());
        comment_.append(data + pos, std::min(room, end - pos));
      }
      pos = end;
      if (newline == nullptr) return;
      if (skip_ == Skip::Comment) end_comment();
      skip_ = Skip::None;
      line_start_ = true;
      continue;
    }
    // Comments are told apart here, not by libcsv: only a line that starts outside a quoted field
    // is one, so a quoted value beginning with '#' stays data.
    if (options_.comment != '\0' && line_start_ && scanner_.state() == CsvState::RowNotBegun &&
        data[pos] == options_.comment) {
      skip_ = Skip::Comment;
      comment_.clear();
      continue;
    }
    const std::size_t length = end - pos;
    scanner_.parse(data + pos, length, *this);
    pos = end;
    line_start_ = newline != nullptr;
    if (record_broken_ && newline != nullptr && scanner_.state() != CsvState::RowNotBegun) {
      // libcsv would read on with the quote taken as literal, and the lines that follow would
      // become one field; drop the record and start again at the next line. Only at the line's
      // end, whatever the chunks: the records read never depend on where a chunk was cut.
      ++stats_.broken;
      reset_parser();
      continue;
    }
    if (scanner_.state() == CsvState::RowNotBegun) {
      record_input_ = 0;
      continue;
    }
    record_input_ += length;
    if (record_input_ > options_.max_record_bytes) {
      // libcsv would buffer this record whole; drop it and start again at the next line. Counted
      // here even when a field already flagged it: the reset below means record_end never will.
      ++stats_.oversized;
      reset_parser();
      if (newline == nullptr) skip_ = Skip::Resync;
    }
  }
}

void CsvReader::field(std::string_view data) {
  if (record_oversized_) return;
  if (record_bytes_ + data.size() > options_.max_record_bytes) {
    record_oversized_ = true;
    return;
  }
  record_bytes_ += data.size();
  // std::less gives a total order even over pointers into different objects.
  const std::less<const char*> before;
  if (!before(data.data(), input_begin_) && !before(input_end_, data.data() + data.size())) {
    fields_.push_back({data.data(), 0, data.size()});
  } else {
    fields_.push_back({nullptr, record_.size(), data.size()});
    record_.append(data);
  }
}

void CsvReader::record_end(int) {
  if (record_broken_) {
    ++stats_.broken;
  } else if (record_oversized_) {
    ++stats_.oversized;
  } else {
    finish_record();
  }
  record_.clear();
  fields_.clear();
  record_bytes_ = 0;
  record_oversized_ = false;
  record_broken_ = false;
}

void CsvReader::finish_record() {
  views_.clear();
  for (const FieldRef& field : fields_) {
    views_.push_back(field.data != nullptr ? std::string_view(field.data, field.size)
                                           : std::string_view(record_).substr(field.offset, field.size));
  }
  if (!header_done_) {
    switch (options_.header) {
      case CsvHeader::FirstRecord: take_header(std::vector<std::string>(views_.begin(), views_.end())); return;
      case CsvHeader::LastComment: take_header(std::move(comment_header_)); break;
      case CsvHeader::None: take_header({}); break;
    }
  }
  ++stats_.records;
  (*on_record_)(views_);
}

void CsvReader::end_comment() {
  ++stats_.comments;
  if (header_done_ || options_.header != CsvHeader::LastComment) return;
  auto names = parse_comment_fields(comment_, options_.comment);
  if (names.size() >= 2) comment_header_ = std::move(names);
}

void CsvReader::take_header(std::vector<std::string> names) {
  header_ = std::move(names);
  header_done_ = true;
  if (*on_header_) (*on_header_)(*this);
}

void CsvReader::reset_parser() {
  scanner_.reset();
  record_.clear();
  fields_.clear();
  record_bytes_ = 0;
  record_oversized_ = false;
  record_broken_ = false;
  record_input_ = 0;
}

}  // namespace tcfeed::pipeline
