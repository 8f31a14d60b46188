#pragma once
// The attributes of a MISP event read and not yet mapped. MISP does not fix the order of an
// event's members: its info, date and Tag may follow a million attributes, and every indicator
// carries the event's tags and group, so nothing can be mapped before the event ends
// (docs/feeds.md, MISP feed). What is held is each attribute reduced to what the mapping reads
// (MispAttribute: type, value, flags, kept tags — a fraction of the attribute's JSON), or the
// reason it could not be read, in order; in memory up to `memory_bytes`, then in an unlinked
// temporary file, so memory stays bounded whatever the event's size.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "connectors/misp/misp_event_mapper.hpp"
#include "lib/pipeline/source/spool_file.hpp"

namespace tcfeed::connectors::misp {

class MispPendingAttributes {
 public:
  explicit MispPendingAttributes(std::size_t memory_bytes = 1 << 20) : memory_bytes_(memory_bytes) {}

  void add(const MispAttribute& attribute);
  void add_unmapped(pipeline::Unmapped reason);

  // Records held (attributes and reasons alike).
  std::size_t count() const { return count_; }
  // Whether some went to the temporary file.
  bool spilled() const { return spool_ != nullptr; }

  // A point to come back to: what was added after it is dropped by rewind (a deleted object's
  // attributes, known deleted only at the object's end).
  struct Mark {
    std::size_t bytes = 0;
    std::size_t count = 0;
  };
  Mark mark() const;
  void rewind(Mark mark);

  // Hands every record over in the order added (an attribute, or nullptr and the reason), then
  // holds none. The attribute's views are valid during the call only.
  using RecordFn = std::function<void(const MispAttribute* attribute, pipeline::Unmapped reason)>;
  void replay(const RecordFn& on_record);

 private:
  void store(const std::string& record);
  void decode(std::string_view record, const RecordFn& on_record);

  std::size_t memory_bytes_;
  std::string memory_;   // the records after those in the file
  std::string scratch_;  // one record being encoded
  std::unique_ptr<pipeline::SpoolFile> spool_;
  std::size_t count_ = 0;
  MispAttribute decoded_;
};

}  // namespace tcfeed::connectors::misp
