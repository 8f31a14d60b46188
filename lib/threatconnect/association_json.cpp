#include "lib/threatconnect/association_json.hpp"

#include "lib/core/json_writer.hpp"

namespace tcfeed::threatconnect {

void append_association_json(std::string& out, const AssociationEnd& first, const AssociationEnd& second) {
  JsonWriter json(out);
  json.begin_object();
  json.member("ref_1", first.ref);
  if (first.type) json.member("type_1", indicators::type_name(*first.type));
  json.member("ref_2", second.ref);
  if (second.type) json.member("type_2", indicators::type_name(*second.type));
  json.end_object();
}

}  // namespace tcfeed::threatconnect
