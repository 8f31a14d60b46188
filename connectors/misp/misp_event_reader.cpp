#include "connectors/misp/misp_event_reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "connectors/misp/misp_pending_attributes.hpp"
#include "lib/pipeline/format/json_walker.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::misp {
namespace {

using pipeline::JsonRefusal;
using pipeline::JsonVisit;

// The containers the walk enters, named by where they sit.
enum Container : int {
  kDocument = 1,          // {"Event":…}
  kEvent = 2,             // Event
  kAttributes = 3,        // Event.Attribute
  kObjects = 4,           // Event.Object
  kObject = 5,            // Event.Object[i]
  kObjectAttributes = 6,  // Event.Object[i].Attribute
  kEventTags = 7,         // Event.Tag
};

pipeline::Unmapped unmapped(JsonRefusal why) {
  switch (why) {
    case JsonRefusal::Oversized: return pipeline::Unmapped::Oversized;
    case JsonRefusal::TooDeep: return pipeline::Unmapped::TooDeep;
    case JsonRefusal::Malformed: break;
  }
  return pipeline::Unmapped::Malformed;
}

class EventWalk final : public pipeline::JsonWalker::Handler {
 public:
  EventWalk(MispEventMapper& mapper, std::size_t memory_bytes) : mapper_(mapper), pending_(memory_bytes) {}

  JsonVisit visit(int parent, std::string_view key, char first, int& id) override {
    const bool object = first == '{';
    const bool array = first == '[';
    switch (parent) {
      case 0:
        if (!object) throw pipeline::SourceError("MISP event: the document is not a JSON object");
        return enter(id, kDocument);
      case kDocument:
        // One event a document; a second `Event` member is not MISP's format and is left out.
        if (key != "Event" || event_seen_) return JsonVisit::Skip;
        event_seen_ = true;
        if (object) return enter(id, kEvent);
        return JsonVisit::Capture;  // counted malformed
      case kEvent:
        if (key == "Attribute" && array) return enter(id, kAttributes);
        if (key == "Object" && array) return enter(id, kObjects);
        if (key == "Tag" && array) return enter(id, kEventTags);
        if (key == "uuid" || key == "info" || key == "date") return JsonVisit::Capture;
        return JsonVisit::Skip;
      case kAttributes:
      case kObjectAttributes:
      case kEventTags: return JsonVisit::Capture;
      case kObjects:
        if (!object) return JsonVisit::Skip;
        object_mark_ = pending_.mark();
        object_deleted_ = false;
        return enter(id, kObject);
      case kObject:
        if (key == "Attribute" && array) return enter(id, kObjectAttributes);
        if (key == "deleted") return JsonVisit::Capture;
        return JsonVisit::Skip;
      default: return JsonVisit::Skip;
    }
  }

  void captured(int parent, std::string_view key, simdjson::dom::element value) override {
    switch (parent) {
      case kDocument: return pending_.add_unmapped(pipeline::Unmapped::Malformed);  // an Event not an object
      case kAttributes:
      case kObjectAttributes:
        if (!mapper_.read_attribute(value, attribute_)) return pending_.add_unmapped(pipeline::Unmapped::Malformed);
        return pending_.add(attribute_);
      case kObject: object_deleted_ = misp_flag(value); return;
      case kEventTags: return keep_tag(value);
      case kEvent: {
        std::string_view text;
        if (value.get(text) != simdjson::SUCCESS) text = {};
        if (key == "uuid") uuid_.assign(text);
        if (key == "info") info_.assign(text);
        if (key == "date") date_.assign(text);
        return;
      }
      default: return;
    }
  }

  void refused(int parent, std::string_view /*key*/, JsonRefusal why) override {
    // An attribute that cannot be read is a record counted with its reason; an event field or tag
    // that cannot be read is left out, as an absent one.
    if (parent == kAttributes || parent == kObjectAttributes || parent == kDocument)
      pending_.add_unmapped(unmapped(why));
  }

  void closed(int id) override {
    // An object marked deleted is skipped whole, its attributes not counted; `deleted` may come after them.
    if (id == kObject && object_deleted_) pending_.rewind(object_mark_);
  }

  // Maps what the event held, now that all its fields are known.
  std::size_t finish(pipeline::CandidateSink& sink) {
    MispEventFields fields;
    fields.uuid = uuid_;
    fields.info = info_;
    fields.date = date_;
    fields.tags.assign(tags_.begin(), tags_.end());
    fields.techniques.assign(techniques_.begin(), techniques_.end());
    mapper_.set_event(fields);
    const std::size_t records = pending_.count();
    pending_.replay([&](const MispAttribute* attribute, pipeline::Unmapped reason) {
      if (attribute == nullptr) return sink.unmapped(reason);
      mapper_.map_attribute(*attribute, sink);
    });
    return records;
  }

 private:
  static JsonVisit enter(int& id, Container container) {
    id = container;
    return JsonVisit::Enter;
  }

  void keep_tag(simdjson::dom::element item) {
    // Classified as the mapper does, then copied: the element lives during this call only.
    std::vector<std::string_view> tags;
    std::vector<std::string_view> techniques;
    const auto& options = mapper_.options();
    mapper_.read_tag(item, tags, techniques);
    if (!tags.empty() && tags_.size() < options.max_tags) tags_.emplace_back(tags.front());
    if (!techniques.empty() && techniques_.size() < options.max_techniques)
      techniques_.emplace_back(techniques.front());
  }

  MispEventMapper& mapper_;
  MispPendingAttributes pending_;
  MispAttribute attribute_;
  bool event_seen_ = false;
  MispPendingAttributes::Mark object_mark_;
  bool object_deleted_ = false;
  std::string uuid_;
  std::string info_;
  std::string date_;
  std::vector<std::string> tags_;
  std::vector<std::string> techniques_;
};

}  // namespace

std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            const MispEventLimits& limits) {
  pipeline::JsonWalkOptions options;
  options.max_bytes = limits.max_event_bytes;
  options.max_record_bytes = std::min(limits.max_attribute_bytes, limits.max_event_bytes);
  options.max_depth = limits.max_depth;
  pipeline::JsonWalker walker(source, options);
  EventWalk walk(mapper, limits.memory_bytes);
  if (!walker.walk(walk)) {
    // Larger than the operator allows: counted once, nothing of it sent.
    sink.unmapped(pipeline::Unmapped::Oversized);
    return 1;
  }
  return walk.finish(sink);
}

std::size_t read_misp_event(pipeline::ByteSource& source, MispEventMapper& mapper, pipeline::CandidateSink& sink,
                            std::size_t max_event_bytes) {
  MispEventLimits limits;
  limits.max_event_bytes = max_event_bytes;
  return read_misp_event(source, mapper, sink, limits);
}

}  // namespace tcfeed::connectors::misp
