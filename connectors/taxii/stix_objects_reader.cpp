#include "connectors/taxii/stix_objects_reader.hpp"

#include "connectors/json_fields.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::taxii {

ObjectsPage read_stix_objects(pipeline::ByteSource& source, StixMapper& mapper, pipeline::CandidateSink& sink,
                              std::size_t max_object_bytes, StixGroups* groups) {
  pipeline::JsonOptions options;
  options.form = pipeline::JsonForm::KeyedObject;
  options.max_record_bytes = max_object_bytes;
  pipeline::JsonRecords records(source, options);
  ObjectsPage page;
  records.read([&](std::string_view key, simdjson::dom::element element) {
    if (key == "objects") {
      // Each element on its own; one that is not an object is counted malformed by the mapper.
      ++page.records;
      if (groups != nullptr && element.is_object()) {
        const std::string_view type = json_string(element, "type");
        if (is_stix_group_object(type)) {
          groups->read(element, type);
          return;
        }
        groups->begin_indicator(json_string(element, "id"));
      }
      const StixMapResult mapped = mapper.map(element, groups != nullptr ? *groups : sink);
      if (mapped.modified && (!page.newest_modified || *mapped.modified > *page.newest_modified)) {
        page.newest_modified = mapped.modified;
      }
    } else if (key == "more") {
      bool more = false;
      if (element.get(more) == simdjson::SUCCESS) page.more = more;
    } else if (key == "next") {
      std::string_view next;
      if (element.get(next) == simdjson::SUCCESS) page.next = std::string(next);
    }
    // Other members (a bundle's type and id, spec_version) say nothing about the objects.
  });
  page.records += report_skipped(records.stats(), sink);
  return page;
}

}  // namespace tcfeed::connectors::taxii
