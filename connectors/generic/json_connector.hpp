#pragma once
// `json`: any JSON feed an operator describes in YAML, with dotted paths (`indicator`,
// `ioc.value`) instead of columns. Forms: a top-level array of records, JSON lines, an object keyed
// by id, or — with records_path — the array under one top-level key ({"data": [...]}). Deeper
// records_path values (`a.b`) are refused at load: the streaming splitter only knows the top level.
#include <string>
#include <vector>

#include "connectors/generic/generic_connector.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"

namespace tcfeed::connectors::generic {

struct JsonPaths {
  std::string value, type, rating, confidence, tags, filter, id;
  std::string records;  // "" = every top-level record
};

ReadFn json_read_fn(JsonPaths paths);

}  // namespace tcfeed::connectors::generic

namespace tcfeed::connectors {

pipeline::ConnectorType json_connector_type();

}  // namespace tcfeed::connectors
