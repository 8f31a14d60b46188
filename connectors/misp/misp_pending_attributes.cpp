#include "connectors/misp/misp_pending_attributes.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::misp {
namespace {

// A record: its payload's length (4 bytes), then the payload. An attribute's payload: 'A', its
// flags, type, value, the tag count and tags, the technique count and techniques, each text its
// length (4 bytes) then its bytes. A reason's: 'U' and the reason's number.
constexpr char kAttribute = 'A';
constexpr char kReason = 'U';
constexpr unsigned char kToIds = 1;
constexpr unsigned char kDeleted = 2;

void put_length(std::string& out, std::size_t length) {
  const auto value = static_cast<std::uint32_t>(length);
  char bytes[4];
  std::memcpy(bytes, &value, sizeof bytes);
  out.append(bytes, sizeof bytes);
}

void put_text(std::string& out, std::string_view text) {
  put_length(out, text.size());
  out.append(text);
}

void put_texts(std::string& out, const std::vector<std::string_view>& texts) {
  out.push_back(static_cast<char>(texts.size()));  // at most max_tags / max_techniques, far below 256
  for (const auto text : texts) put_text(out, text);
}

// Reads what put_* wrote; the records are ours, so a short one means the file was changed under us.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  std::size_t length() {
    need(4);
    std::uint32_t value = 0;
    std::memcpy(&value, data_.data(), sizeof value);
    data_.remove_prefix(4);
    return value;
  }
  std::string_view text() {
    const std::size_t size = length();
    need(size);
    const std::string_view text = data_.substr(0, size);
    data_.remove_prefix(size);
    return text;
  }
  unsigned char byte() {
    need(1);
    const auto value = static_cast<unsigned char>(data_.front());
    data_.remove_prefix(1);
    return value;
  }
  void texts(std::vector<std::string_view>& out) {
    out.clear();
    for (unsigned count = byte(); count > 0; --count) out.push_back(text());
  }

 private:
  void need(std::size_t size) const {
    if (data_.size() < size) throw pipeline::SourceError("MISP event: the temporary file of its attributes is damaged");
  }
  std::string_view data_;
};

}  // namespace

void MispPendingAttributes::add(const MispAttribute& attribute) {
  scratch_.clear();
  scratch_.push_back(kAttribute);
  scratch_.push_back(static_cast<char>((attribute.to_ids ? kToIds : 0) | (attribute.deleted ? kDeleted : 0)));
  put_text(scratch_, attribute.type);
  put_text(scratch_, attribute.value);
  put_texts(scratch_, attribute.tags);
  put_texts(scratch_, attribute.techniques);
  store(scratch_);
}

void MispPendingAttributes::add_unmapped(pipeline::Unmapped reason) {
  scratch_.clear();
  scratch_.push_back(kReason);
  scratch_.push_back(static_cast<char>(reason));
  store(scratch_);
}

void MispPendingAttributes::store(const std::string& record) {
  const std::size_t size = 4 + record.size();
  if (memory_.size() + size > memory_bytes_) {
    if (!spool_) spool_ = std::make_unique<pipeline::SpoolFile>("misp");
    spool_->write(memory_);
    memory_.clear();
  }
  if (memory_.capacity() == 0) memory_.reserve(memory_bytes_);
  put_length(memory_, record.size());
  memory_.append(record);
  ++count_;
}

MispPendingAttributes::Mark MispPendingAttributes::mark() const {
  return {(spool_ ? spool_->size() : 0) + memory_.size(), count_};
}

void MispPendingAttributes::rewind(Mark mark) {
  const std::size_t spooled = spool_ ? spool_->size() : 0;
  if (mark.bytes >= spooled) {
    memory_.resize(mark.bytes - spooled);
  } else {
    spool_->truncate(mark.bytes);
    memory_.clear();
  }
  count_ = mark.count;
}

void MispPendingAttributes::replay(const RecordFn& on_record) {
  if (spool_ && spool_->size() > 0) {
    auto source = spool_->open();
    std::vector<char> chunk(64 * 1024);
    std::string carry;  // a record cut by the chunk's end, at most one record long
    std::size_t left = spool_->size();
    while (left > 0) {
      const std::size_t count = source->read(chunk.data(), std::min(chunk.size(), left));
      if (count == 0) throw pipeline::SourceError("MISP event: the temporary file of its attributes ends early");
      left -= count;
      carry.append(chunk.data(), count);
      std::string_view rest(carry);
      while (rest.size() >= 4) {
        std::uint32_t size = 0;
        std::memcpy(&size, rest.data(), sizeof size);
        if (rest.size() < 4 + std::size_t{size}) break;
        decode(rest.substr(4, size), on_record);
        rest.remove_prefix(4 + std::size_t{size});
      }
      carry.erase(0, carry.size() - rest.size());
    }
    if (!carry.empty()) throw pipeline::SourceError("MISP event: the temporary file of its attributes ends early");
    spool_->truncate(0);
  }
  std::string_view rest(memory_);
  while (!rest.empty()) {
    Cursor cursor(rest);
    const std::size_t size = cursor.length();
    decode(rest.substr(4, size), on_record);
    rest.remove_prefix(4 + size);
  }
  memory_.clear();
  count_ = 0;
}

void MispPendingAttributes::decode(std::string_view record, const RecordFn& on_record) {
  Cursor cursor(record);
  if (cursor.byte() == static_cast<unsigned char>(kReason)) {
    return on_record(nullptr, static_cast<pipeline::Unmapped>(cursor.byte()));
  }
  const unsigned char flags = cursor.byte();
  decoded_.to_ids = (flags & kToIds) != 0;
  decoded_.deleted = (flags & kDeleted) != 0;
  decoded_.type = cursor.text();
  decoded_.value = cursor.text();
  cursor.texts(decoded_.tags);
  cursor.texts(decoded_.techniques);
  on_record(&decoded_, pipeline::Unmapped::Malformed);
}

}  // namespace tcfeed::connectors::misp
