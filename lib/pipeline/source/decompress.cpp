#include "lib/pipeline/source/decompress.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/core/log_escape.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kInputChunk = 64 * 1024;

enum class Format { Plain, Zip, Gzip };

Format detect(std::string_view head) {
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return Format::Zip;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) {
    return Format::Gzip;
  }
  return Format::Plain;
}

bool is_data_entry(std::string_view name) {
  if (name.rfind("__MACOSX/", 0) == 0) return false;
  const auto slash = name.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const auto dot = base.rfind('.');
  if (dot == std::string_view::npos) return !base.empty();
  const std::string_view ext = base.substr(dot);
  for (std::string_view known : {".csv", ".json", ".jsonl", ".tsv", ".txt"}) {
    if (ext == known) return true;
  }
  return false;
}

// An entry name as an error may show it: feed-controlled, so cut short and escaped as a log line is
// (an error also reaches the status page and the exit message, not only the log).
std::string printable(std::string_view name) { return log_escaped(name.substr(0, 100)); }

class ArchiveSource final : public ByteSource {
 public:
  ArchiveSource(std::unique_ptr<ByteSource> inner, Format format, const DecompressLimits& limits)
      : inner_(std::move(inner)),
        format_(format),
        limits_(limits),
        input_(kInputChunk),
        owner_(archive_read_new(), &archive_read_free),
        archive_(owner_.get()) {
    if (archive_ == nullptr) throw SourceError("cannot start the decompressor");
    if (format == Format::Zip) {
      // Streaming (not seekable) zip: the entries are read in order from the local headers.
      archive_read_support_format_zip_streamable(archive_);
    } else {
      archive_read_support_filter_gzip(archive_);
      archive_read_support_format_raw(archive_);
    }
    check(archive_read_open(archive_, this, nullptr, &ArchiveSource::pull, nullptr), "cannot open the archive");
    open_entry(format);
  }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_) return 0;
    const la_ssize_t count = archive_read_data(archive_, buffer, size);
    if (count < 0) check(static_cast<int>(count), "cannot decompress");
    if (count == 0) {
      done_ = true;
      if (format_ == Format::Zip) refuse_more_entries();
      return 0;
    }
    output_ += static_cast<std::uint64_t>(count);
    if (output_ > limits_.max_output_bytes) {
      throw SourceError("the unpacked " + std::string(format_ == Format::Zip ? "zip entry" : "gzip content") +
                        " exceeds max_bytes (" + std::to_string(limits_.max_output_bytes) +
                        " bytes): what is parsed is the unpacked feed, so raise the connector's max_bytes if the "
                        "feed is really this large");
    }
    if (output_ > limits_.ratio_floor_bytes && output_ > limits_.max_ratio * std::max<std::uint64_t>(input_read_, 1)) {
      throw SourceError("decompressed output exceeds " + std::to_string(limits_.max_ratio) +
                        " times the compressed input (a decompression bomb?)");
    }
    return static_cast<std::size_t>(count);
  }

 private:
  // libarchive calls this for more compressed input. Exceptions must not cross the C library:
  // they are parked and rethrown by check().
  static la_ssize_t pull(struct archive* archive, void* self_ptr, const void** buffer) {
    auto* self = static_cast<ArchiveSource*>(self_ptr);
    try {
      const std::size_t count = self->inner_->read(self->input_.data(), self->input_.size());
      self->input_read_ += count;
      *buffer = self->input_.data();
      return static_cast<la_ssize_t>(count);
    } catch (...) {
      self->pending_ = std::current_exception();
      archive_set_error(archive, EIO, "input failed");
      return -1;
    }
  }

  void open_entry(Format format) {
    struct archive_entry* entry = nullptr;
    for (;;) {
      const int status = archive_read_next_header(archive_, &entry);
      if (status == ARCHIVE_EOF) throw SourceError("the zip archive has no .csv, .json or .txt entry");
      if (status < ARCHIVE_WARN) check(status, "cannot read the archive");
      if (format == Format::Gzip) return;
      const char* name = archive_entry_pathname(entry);
      if (archive_entry_filetype(entry) == AE_IFREG && name != nullptr && is_data_entry(name)) {
        first_name_ = name;
        return;
      }
      archive_read_data_skip(archive_);
    }
  }

  // After the data entry: another one would be a second file tcfeed cannot join to the first.
  void refuse_more_entries() {
    struct archive_entry* entry = nullptr;
    for (;;) {
      const int status = archive_read_next_header(archive_, &entry);
      if (status == ARCHIVE_EOF) return;
      if (status < ARCHIVE_WARN) check(status, "cannot read the archive");
      const char* name = archive_entry_pathname(entry);
      if (archive_entry_filetype(entry) == AE_IFREG && name != nullptr && is_data_entry(name)) {
        throw SourceError("the zip archive has more than one data file ('" + printable(first_name_) + "', '" +
                          printable(name) +
                          "'…): tcfeed reads a zip with exactly one .csv, .json, .jsonl, .tsv or .txt entry; "
                          "point the connector at a single file");
      }
      archive_read_data_skip(archive_);
    }
  }

  void check(int status, const char* what) {
    if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
    if (status >= ARCHIVE_WARN) return;
    const char* detail = archive_error_string(archive_);
    throw SourceError(std::string(what) + ": " + (detail != nullptr ? detail : "unknown libarchive error"));
  }

  std::unique_ptr<ByteSource> inner_;
  Format format_;
  DecompressLimits limits_;
  std::string first_name_;
  bool done_ = false;
  std::vector<char> input_;
  std::unique_ptr<struct archive, int (*)(struct archive*)> owner_;
  struct archive* archive_;  // owner_.get(), for the many libarchive calls
  std::uint64_t input_read_ = 0;
  std::uint64_t output_ = 0;
  std::exception_ptr pending_;
};

}  // namespace

DecompressLimits decompress_limits(std::size_t max_bytes) {
  DecompressLimits limits;
  limits.max_output_bytes = max_bytes;
  return limits;
}

std::unique_ptr<ByteSource> maybe_decompress(std::unique_ptr<ByteSource> source, const DecompressLimits& limits) {
  std::string head;
  auto replay = peek(std::move(source), 4, head);
  const Format format = detect(head);
  if (format == Format::Plain) return replay;
  return std::make_unique<ArchiveSource>(std::move(replay), format, limits);
}

}  // namespace tcfeed::pipeline
