#include "lib/exports/export_codec.hpp"

#include <simdjson.h>
#include <zlib.h>

#include <bit>
#include <cstring>
#include <stdexcept>

namespace tcfeed::exports {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

[[noreturn]] void unreadable(const std::string& what) {
  throw std::runtime_error("export list in the state file is not readable: " + what);
}

// Bytes in, zlib stream out, a chunk at a time.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {
    if (deflateInit(&stream_, Z_DEFAULT_COMPRESSION) != Z_OK) throw std::runtime_error("zlib: deflateInit failed");
    pending_.reserve(kChunk);
  }
  ~Writer() { deflateEnd(&stream_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void byte(unsigned char value) {
    pending_ += static_cast<char>(value);
    if (pending_.size() >= kChunk) drain(Z_NO_FLUSH);
  }
  void varint(std::uint64_t value) {
    while (value >= 0x80) {
      byte(static_cast<unsigned char>(value | 0x80));
      value >>= 7;
    }
    byte(static_cast<unsigned char>(value));
  }
  void signed_varint(std::int64_t value) {
    varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
  }
  void text(std::string_view value) {
    varint(value.size());
    for (char c : value) byte(static_cast<unsigned char>(c));
  }
  void real(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    for (int shift = 0; shift < 64; shift += 8) byte(static_cast<unsigned char>(bits >> shift));
  }
  void finish() { drain(Z_FINISH); }

 private:
  void drain(int flush) {
    stream_.next_in = reinterpret_cast<Bytef*>(pending_.data());
    stream_.avail_in = static_cast<uInt>(pending_.size());
    int status = Z_OK;
    do {
      unsigned char buffer[kChunk];
      stream_.next_out = buffer;
      stream_.avail_out = sizeof buffer;
      status = deflate(&stream_, flush);
      if (status == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
      out_.append(reinterpret_cast<const char*>(buffer), sizeof buffer - stream_.avail_out);
    } while (stream_.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
    pending_.clear();
  }

  std::string& out_;
  std::string pending_;
  z_stream stream_{};
};

// The zlib stream in, bytes out, a chunk at a time; every read past the end or into a damaged
// stream throws.
class Reader {
 public:
  explicit Reader(std::string_view compressed) {
    if (inflateInit(&stream_) != Z_OK) throw std::runtime_error("zlib: inflateInit failed");
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream_.avail_in = static_cast<uInt>(compressed.size());
  }
  ~Reader() { inflateEnd(&stream_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  unsigned char byte() {
    if (at_ == size_) refill();
    return buffer_[at_++];
  }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned char part = byte();
      value |= static_cast<std::uint64_t>(part & 0x7f) << shift;
      if ((part & 0x80) == 0) return value;
    }
    unreadable("a number is too long");
  }
  std::int64_t signed_varint() {
    const auto value = varint();
    return static_cast<std::int64_t>((value >> 1) ^ (~(value & 1) + 1));
  }
  // A count of things of at least `least` bytes each: never more than the stream could hold.
  std::size_t count(std::size_t least = 1) {
    const auto value = varint();
    if (value > (std::uint64_t{1} << 40) / least) unreadable("a count is out of range");
    return static_cast<std::size_t>(value);
  }
  std::string text() {
    const auto size = count();
    std::string out;
    out.reserve(std::min<std::size_t>(size, kChunk));
    while (out.size() < size) {
      if (at_ == size_) refill();
      const auto take = std::min(size - out.size(), size_ - at_);
      out.append(reinterpret_cast<const char*>(buffer_ + at_), take);
      at_ += take;
    }
    return out;
  }
  double real() {
    std::uint64_t bits = 0;
    for (int shift = 0; shift < 64; shift += 8) bits |= static_cast<std::uint64_t>(byte()) << shift;
    return std::bit_cast<double>(bits);
  }
  // The stream must end here, and be whole (its checksum is checked at its end).
  void finish() {
    if (at_ < size_) unreadable("bytes after the last entry");
    if (ended_) {
      if (stream_.avail_in > 0) unreadable("bytes after the list");
      return;
    }
    unsigned char probe = 0;
    stream_.next_out = &probe;
    stream_.avail_out = 1;
    const int status = inflate(&stream_, Z_NO_FLUSH);
    if (status != Z_STREAM_END || stream_.avail_out == 0) unreadable("truncated or damaged");
    if (stream_.avail_in > 0) unreadable("bytes after the list");
  }

 private:
  void refill() {
    if (ended_) unreadable("truncated");
    stream_.next_out = buffer_;
    stream_.avail_out = sizeof buffer_;
    const int status = inflate(&stream_, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      ended_ = true;
    } else if (status != Z_OK) {
      unreadable(status == Z_BUF_ERROR ? "truncated" : "damaged");
    }
    at_ = 0;
    size_ = sizeof buffer_ - stream_.avail_out;
    if (size_ == 0) unreadable("truncated");
  }

  z_stream stream_{};
  unsigned char buffer_[kChunk];
  std::size_t at_ = 0, size_ = 0;
  bool ended_ = false;
};

enum : unsigned char {
  kModifiedText = 1,
  kRating = 2,
  kConfidence = 4,
  kTaRating = 8,
  kTaConfidence = 16,
  kTaScore = 32,
};

// Each table is rebuilt in its saved order, so the saved indices stay right; a repeated value
// (which the encoder never writes) is damage.
void expect_index(std::uint32_t got, std::size_t want) {
  if (got != want) unreadable("a table repeats a value");
}

ExportList decode_binary(std::string_view compressed) {
  ExportList list;
  Reader in(compressed);
  for (std::size_t i = 0, n = in.count(); i < n; ++i) expect_index(list.intern_owner(in.text()), i);
  for (std::size_t i = 0, n = in.count(); i < n; ++i) {
    // Grown as read, never sized from a count a damaged blob could make huge.
    std::vector<std::string> tags;
    for (std::size_t t = 0, size = in.count(); t < size; ++t) tags.push_back(in.text());
    expect_index(list.intern_tags(tags), i);
  }
  for (std::size_t i = 0, n = in.count(); i < n; ++i) expect_index(list.intern_modified_text(in.text()), i);
  for (std::size_t i = 0, n = in.count(); i < n; ++i) {
    EntryTraits traits;
    const auto type = indicators::parse_indicator_type(in.text());
    if (!type) unreadable("an unknown indicator type");
    traits.type = *type;
    traits.owner = static_cast<std::uint32_t>(in.varint());
    traits.tags = static_cast<std::uint32_t>(in.varint());
    if (traits.owner >= list.owners().size() || traits.tags >= list.tag_sets().size()) unreadable("a bad index");
    const unsigned char flags = in.byte();
    traits.modified_text = (flags & kModifiedText) != 0;
    if (flags & kRating) traits.rating = in.real();
    if (flags & kConfidence) traits.confidence = in.signed_varint();
    if (flags & kTaRating) traits.threat_assess_rating = in.real();
    if (flags & kTaConfidence) traits.threat_assess_confidence = in.real();
    if (flags & kTaScore) traits.threat_assess_score = in.signed_varint();
    expect_index(list.intern_traits(traits), i);
  }
  const auto entries = in.count(4);
  std::int64_t id = 0;
  for (std::size_t i = 0; i < entries; ++i) {
    CompactEntry entry;
    if (i == 0) {
      id = in.signed_varint();
    } else {
      const auto delta = in.varint();
      if (delta == 0 || delta > static_cast<std::uint64_t>(INT64_MAX) ||
          id > INT64_MAX - static_cast<std::int64_t>(delta)) {
        unreadable("ids out of order");
      }
      id += static_cast<std::int64_t>(delta);
    }
    entry.id = id;
    const auto traits = in.varint();
    if (traits >= list.traits().size()) unreadable("a bad index");
    entry.traits = static_cast<std::uint32_t>(traits);
    const auto modified = in.varint();
    if (modified > UINT32_MAX ||
        (list.traits()[entry.traits].modified_text && modified >= list.modified_texts().size())) {
      unreadable("a bad lastModified");
    }
    entry.modified = static_cast<std::uint32_t>(modified);
    const std::string value = in.text();
    entry.value_size = static_cast<std::uint32_t>(value.size());
    entry.value_at = list.add_value(value);
    list.push_back(entry);
  }
  in.finish();
  return list;
}

// Earlier versions: one JSON object per entry and line, ids ascending.
ExportList decode_json_lines(std::string_view text) {
  ExportList list;
  simdjson::dom::parser parser;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty()) continue;
    const auto fail = [&] { unreadable("entry " + std::to_string(line_number)); };
    simdjson::dom::object item;
    if (parser.parse(line.data(), line.size()).get(item)) fail();
    ExportEntry entry;
    std::string_view type, value, owner, last_modified;
    if (item["id"].get(entry.id) || item["type"].get(type) || item["value"].get(value) || item["owner"].get(owner) ||
        item["lastModified"].get(last_modified)) {
      fail();
    }
    const auto parsed = indicators::parse_indicator_type(type);
    if (!parsed) fail();
    entry.type = *parsed;
    entry.value = value;
    entry.owner = owner;
    entry.last_modified = last_modified;
    double number = 0;
    std::int64_t whole = 0;
    if (!item["rating"].get(number)) entry.rating = number;
    if (!item["confidence"].get(whole)) entry.confidence = whole;
    if (!item["taRating"].get(number)) entry.threat_assess_rating = number;
    if (!item["taConfidence"].get(number)) entry.threat_assess_confidence = number;
    if (!item["taScore"].get(whole)) entry.threat_assess_score = whole;
    simdjson::dom::array tags;
    if (!item["tags"].get(tags)) {
      for (auto tag : tags) {
        std::string_view name;
        if (!tag.get(name)) entry.tags.emplace_back(name);
      }
    }
    if (!list.empty() && list[list.size() - 1].id >= entry.id) fail();
    list.push_back(list.pack(entry));
  }
  return list;
}

}  // namespace

std::string encode_entries(const ExportList& list) {
  std::string out(kListMagic);
  out += static_cast<char>(kListVersion);
  Writer w(out);
  w.varint(list.owners().size());
  for (const auto& owner : list.owners().items()) w.text(owner);
  w.varint(list.tag_sets().size());
  for (const auto& tags : list.tag_sets().items()) {
    w.varint(tags.size());
    for (const auto& tag : tags) w.text(tag);
  }
  w.varint(list.modified_texts().size());
  for (const auto& text : list.modified_texts().items()) w.text(text);
  w.varint(list.traits().size());
  for (const auto& traits : list.traits().items()) {
    w.text(indicators::type_name(traits.type));
    w.varint(traits.owner);
    w.varint(traits.tags);
    w.byte(static_cast<unsigned char>(
        (traits.modified_text ? kModifiedText : 0) | (traits.rating ? kRating : 0) |
        (traits.confidence ? kConfidence : 0) | (traits.threat_assess_rating ? kTaRating : 0) |
        (traits.threat_assess_confidence ? kTaConfidence : 0) | (traits.threat_assess_score ? kTaScore : 0)));
    if (traits.rating) w.real(*traits.rating);
    if (traits.confidence) w.signed_varint(*traits.confidence);
    if (traits.threat_assess_rating) w.real(*traits.threat_assess_rating);
    if (traits.threat_assess_confidence) w.real(*traits.threat_assess_confidence);
    if (traits.threat_assess_score) w.signed_varint(*traits.threat_assess_score);
  }
  w.varint(list.size());
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list[i];
    if (i == 0) {
      w.signed_varint(entry.id);
    } else {
      w.varint(static_cast<std::uint64_t>(entry.id) - static_cast<std::uint64_t>(previous));
    }
    previous = entry.id;
    w.varint(entry.traits);
    w.varint(entry.modified);
    w.text(list.value(entry));
  }
  w.finish();
  return out;
}

ExportList decode_entries(std::string_view blob) {
  if (blob.starts_with(kListMagic)) {
    blob.remove_prefix(kListMagic.size());
    if (blob.empty()) unreadable("truncated");
    if (static_cast<unsigned char>(blob[0]) != kListVersion) {
      unreadable("version " + std::to_string(static_cast<unsigned char>(blob[0])) + " is not one this tcfeed reads");
    }
    return decode_binary(blob.substr(1));
  }
  return decode_json_lines(blob);
}

}  // namespace tcfeed::exports
