#include "lib/threatconnect/batch_document.hpp"

#include "lib/core/json_writer.hpp"

namespace tcfeed::threatconnect {
namespace {

constexpr std::string_view kDocumentOpen = R"({"indicator":[)";
constexpr std::string_view kDocumentClose = "]}";

void write_indicator(std::string& out, const indicators::Indicator& indicator) {
  JsonWriter json(out);
  json.begin_object();
  json.member("type", indicators::type_name(indicator.type));
  json.member("summary", indicator.value);
  json.member("rating", indicator.rating);
  json.member("confidence", indicator.confidence);
  if (!indicator.active) json.key("active").value(false);
  if (!indicator.tags.empty()) {
    json.key("tag").begin_array();
    for (const auto& tag : indicator.tags) json.begin_object().member("name", tag).end_object();
    json.end_array();
  }
  if (!indicator.security_labels.empty()) {
    json.key("securityLabel").begin_array();
    for (const auto& label : indicator.security_labels) json.begin_object().member("name", label).end_object();
    json.end_array();
  }
  if (!indicator.attributes.empty()) {
    json.key("attribute").begin_array();
    for (const auto& attribute : indicator.attributes) {
      json.begin_object().member("type", attribute.type).member("value", attribute.value).end_object();
    }
    json.end_array();
  }
  json.end_object();
}

}  // namespace

std::string settings_json(const BatchSettings& settings) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .key("version").value("V2")
      .key("owner").value(settings.owner)
      .key("action").value(settings.action)
      .key("haltOnError").value(settings.halt_on_error)
      .key("attributeWriteType").value(settings.attribute_write_type)
      .key("tagWriteType").value(settings.tag_write_type)
      .key("securityLabelWriteType").value(settings.security_label_write_type)
      .end_object();
  return out;
}

BatchDocumentBuilder::BatchDocumentBuilder(std::size_t max_indicators, std::size_t max_bytes)
    : max_indicators_(max_indicators), max_bytes_(max_bytes) {
  document_.append(kDocumentOpen);
}

bool BatchDocumentBuilder::add(const indicators::Indicator& indicator) {
  oversized_ = false;
  if (count_ >= max_indicators_) return false;
  item_.clear();
  write_indicator(item_, indicator);
  const std::size_t separator = count_ == 0 ? 0 : 1;
  if (document_.size() + separator + item_.size() + kDocumentClose.size() > max_bytes_) {
    oversized_ = count_ == 0;
    return false;
  }
  if (separator) document_ += ',';
  document_ += item_;
  ++count_;
  return true;
}

std::string BatchDocumentBuilder::take() {
  document_.append(kDocumentClose);
  std::string finished = std::move(document_);
  document_.clear();
  document_.append(kDocumentOpen);
  count_ = 0;
  return finished;
}

}  // namespace tcfeed::threatconnect
