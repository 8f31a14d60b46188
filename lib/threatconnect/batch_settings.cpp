#include "lib/threatconnect/batch_settings.hpp"

#include "lib/core/json_writer.hpp"

namespace tcfeed::threatconnect {

std::string settings_json(const BatchSettings& settings) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .key("version")
      .value("V2")
      .key("owner")
      .value(settings.owner)
      .key("action")
      .value(settings.action)
      .key("haltOnError")
      .value(settings.halt_on_error)
      .key("attributeWriteType")
      .value(settings.attribute_write_type)
      .key("tagWriteType")
      .value(settings.tag_write_type)
      .key("securityLabelWriteType")
      .value(settings.security_label_write_type)
      .end_object();
  return out;
}

}  // namespace tcfeed::threatconnect
