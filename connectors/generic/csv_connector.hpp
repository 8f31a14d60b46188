#pragma once
// `csv`: any CSV list an operator describes in YAML — which column holds the value, the type
// (fixed, or a column + type_map), rating, confidence, tags, a filter, snapshot or incremental.
// Columns by header name (an added column breaks nothing) or by 1-based number.
#include <memory>
#include <string>
#include <vector>

#include "connectors/generic/generic_connector.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/format/csv_reader.hpp"

namespace tcfeed::connectors::generic {

// A configured column: a header name, or a 1-based number (number > 0).
struct ColumnRef {
  std::string name;
  int number = 0;
  bool configured() const { return number > 0 || !name.empty(); }
};

// "3" → number 3; anything else is a name; "" → not configured.
ColumnRef parse_column(const std::string& text);

// The columns the operator configured for each field the connector reads.
struct ConfiguredColumns {
  ColumnRef value, type, rating, confidence, tags, filter, id;
};

// The reader the connector uses; throws SourceError when a named column is not in the header.
// `delimiter` separates the fields (csv_delimiter.hpp says how a non-comma one is read).
ReadFn csv_read_fn(ConfiguredColumns columns, pipeline::CsvOptions options, char delimiter = ',');

}  // namespace tcfeed::connectors::generic

namespace tcfeed::connectors {

pipeline::ConnectorType csv_connector_type();

}  // namespace tcfeed::connectors
