#pragma once
// The keys the `csv` and `json` connectors share, read and checked at load (located errors), and
// their documentation. `field` is "column" for csv and "path" for json: `type_column` / `type_path`.
#include <string>
#include <string_view>
#include <vector>

#include "connectors/generic/generic_mapper.hpp"
#include "lib/config/key_spec.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::generic {

struct GenericSettings {
  pipeline::SourceLocation location;
  pipeline::SourceAccess access;
  GenericMapOptions map;  // fixed_type / type_map, filter, incremental (after_id comes from the cursor)
  // Where each field is, as configured ("" when not configured): a column name or 1-based number
  // (csv) or a dotted path (json).
  std::string value;
  std::string type_field;
  std::string rating_field;
  std::string confidence_field;
  std::string tags_field;
  std::string filter_field;
  std::string id_field;
};

// Reads the shared keys; throws config::ConfigError naming file:line and the key.
GenericSettings read_generic_settings(pipeline::ConnectorContext& context, std::string_view field);

// The shared keys' documentation, for ConnectorType::keys.
std::vector<config::KeySpec> generic_keys(std::string_view field, const std::string& field_help);

}  // namespace tcfeed::connectors::generic
