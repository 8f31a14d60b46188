#include "connectors/generic/json_connector.hpp"

#include <array>

#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/json_records.hpp"

namespace tcfeed::connectors::generic {
namespace {

// A dotted path's element, or an error when a step is missing or not an object.
simdjson::simdjson_result<simdjson::dom::element> lookup(simdjson::dom::element element, std::string_view path) {
  while (true) {
    const auto dot = path.find('.');
    simdjson::dom::object object;
    if (auto error = element.get_object().get(object)) return error;
    if (auto error = object.at_key(path.substr(0, dot)).get(element)) return error;
    if (dot == std::string_view::npos) return element;
    path.remove_prefix(dot + 1);
  }
}

// The element as text: a string as is, a number or bool as written; "" otherwise. Numbers are
// printed into `buffer`, so the view lives as long as it does.
std::string_view text_of(simdjson::dom::element element, std::string& buffer) {
  std::string_view text;
  if (element.get(text) == simdjson::SUCCESS) return text;
  if (element.is_number() || element.is_bool()) {
    buffer = simdjson::minify(element);
    return buffer;
  }
  return {};
}

}  // namespace

ReadFn json_read_fn(JsonPaths paths) {
  return [paths](pipeline::ByteSource& source, GenericMapper& mapper, pipeline::CandidateSink& sink) {
    pipeline::JsonOptions options;
    if (!paths.records.empty()) {
      // The whole {"key": [...]} member is one element to the splitter: allow a large one.
      options.form = pipeline::JsonForm::KeyedObject;
      options.max_record_bytes = std::size_t{64} << 20;
    }
    pipeline::JsonRecords records(source, options);
    const std::array<const std::string*, 6> scalar_paths = {&paths.value,      &paths.type,   &paths.rating,
                                                            &paths.confidence, &paths.filter, &paths.id};
    std::array<std::string, 6> buffers;
    std::array<std::string_view, 6> texts;
    ReadResult result;
    GenericRecord record;
    records.read([&](std::string_view key, simdjson::dom::element element) {
      if (!paths.records.empty() && key != paths.records) return;
      ++result.records;
      for (std::size_t i = 0; i < scalar_paths.size(); ++i) {
        simdjson::dom::element found;
        texts[i] = !scalar_paths[i]->empty() && lookup(element, *scalar_paths[i]).get(found) == simdjson::SUCCESS
                       ? text_of(found, buffers[i])
                       : std::string_view();
      }
      record.value = texts[0];
      record.type = texts[1];
      record.rating = texts[2];
      record.confidence = texts[3];
      record.filter = texts[4];
      record.id = texts[5];
      record.tags.clear();
      simdjson::dom::element tags;
      if (!paths.tags.empty() && lookup(element, paths.tags).get(tags) == simdjson::SUCCESS) {
        std::string_view text;
        simdjson::dom::array items;
        if (tags.get(text) == simdjson::SUCCESS) {
          split_list(text, record.tags);
        } else if (tags.get(items) == simdjson::SUCCESS) {
          for (auto item : items) {
            if (item.get(text) == simdjson::SUCCESS) record.tags.push_back(text);
          }
        }
      }
      result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
    });
    result.records += report_skipped(records.stats(), sink);
    return result;
  };
}

}  // namespace tcfeed::connectors::generic

namespace tcfeed::connectors {

pipeline::ConnectorType json_connector_type() {
  using namespace generic;
  pipeline::ConnectorType type;
  type.name = "json";
  type.description =
      "Any JSON feed, described in YAML with dotted paths: a top-level array, JSON lines, an object keyed by id, or "
      "the array under one top-level key (records_path). Type fixed or path + type_map; snapshot or incremental.";
  type.keys = generic_keys("path", "a dotted path into the record, e.g. indicator or ioc.value");
  type.keys.push_back({"records_path", "string", "",
                       "the top-level key whose array holds the records, e.g. data for {\"data\": [...]}; one key only "
                       "(no dots); empty: the records are the top-level array elements, lines or keyed members",
                       false});
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    GenericSettings settings = read_generic_settings(context, "path");
    JsonPaths paths{settings.value,      settings.type_field,   settings.rating_field, settings.confidence_field,
                    settings.tags_field, settings.filter_field, settings.id_field,     {}};
    paths.records = keys.string("records_path").value_or("");
    if (paths.records.find('.') != std::string::npos) {
      keys.fail("records_path", "only a top-level key is supported (e.g. data), not a dotted path");
    }
    return make_generic_connector(std::move(settings), json_read_fn(std::move(paths)));
  };
  return type;
}

}  // namespace tcfeed::connectors
