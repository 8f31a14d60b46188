#include "lib/threatconnect/plain_indicator_json.hpp"

#include <charconv>
#include <cstring>
#include <span>
#include <string_view>

#include "lib/core/json_writer.hpp"

namespace tcfeed::threatconnect {
namespace {

// The literal pieces, as JsonWriter joins keys, values and separators. Each starts right after
// the value before it.
constexpr std::string_view kTypeOpen = R"({"type":")";
constexpr std::string_view kSummaryKey = R"(","summary":")";
constexpr std::string_view kQuote = R"(")";
constexpr std::string_view kRatingKey = R"(,"rating":)";
constexpr std::string_view kConfidenceKey = R"(,"confidence":)";
constexpr std::string_view kActiveTrue = R"(,"active":true)";
constexpr std::string_view kActiveFalse = R"(,"active":false)";
constexpr std::string_view kTagOpen = R"(,"tag":[)";
constexpr std::string_view kLabelOpen = R"(,"securityLabel":[)";
constexpr std::string_view kAttributeOpen = R"(,"attribute":[)";
constexpr std::string_view kAssociatedGroupsOpen = R"(,"associatedGroups":[)";
constexpr std::string_view kNameOpen = R"({"name":")";
constexpr std::string_view kGroupXidOpen = R"({"groupXid":")";
constexpr std::string_view kStringClose = R"("})";  // a name's or an attribute value's end
constexpr std::string_view kAttributeTypeOpen = R"({"type":")";
constexpr std::string_view kAttributeValueKey = R"(","value":")";
constexpr std::string_view kComma = ",";
constexpr std::string_view kArrayClose = "]";
constexpr std::string_view kObjectClose = "}";

// A number's digits, as JsonWriter writes an int.
struct Digits {
  explicit Digits(int number) {
    length = static_cast<std::size_t>(std::to_chars(text, text + sizeof text, number).ptr - text);
  }
  std::string_view view() const { return {text, length}; }
  char text[16];
  std::size_t length;
};

// Writes pieces at a position reserved beforehand: no capacity check per piece, and the literal
// pieces' sizes are constants the compiler turns into plain moves.
class Cursor {
 public:
  explicit Cursor(char* at) : at_(at) {}
  void put(std::string_view piece) {
    std::memcpy(at_, piece.data(), piece.size());
    at_ += piece.size();
  }

 private:
  char* at_;
};

// Adds the size of a `{"name":"…"}` list's members and separators to `size`; false when one
// needs escaping.
bool names_size(std::span<const std::string_view> names, std::size_t& size, std::string_view open_name = kNameOpen) {
  for (const std::string_view name : names) {
    if (!JsonWriter::is_verbatim(name)) return false;
    size += open_name.size() + name.size() + kStringClose.size();
  }
  size += names.size() - 1;  // the commas; callers skip an empty list
  return true;
}

void put_names(Cursor& cursor, std::string_view open, std::span<const std::string_view> names,
               std::string_view open_name = kNameOpen) {
  cursor.put(open);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) cursor.put(kComma);
    cursor.put(open_name);
    cursor.put(names[i]);
    cursor.put(kStringClose);
  }
  cursor.put(kArrayClose);
}

}  // namespace

bool append_plain_indicator_json(std::string& out, const IndicatorItem& item) {
  const std::string_view type = indicators::type_name(item.type);
  if (!JsonWriter::is_verbatim(type) || !JsonWriter::is_verbatim(item.summary)) return false;
  std::size_t size =
      kTypeOpen.size() + type.size() + kSummaryKey.size() + item.summary.size() + kQuote.size() + kObjectClose.size();
  const Digits rating(item.rating.value_or(0));
  const Digits confidence(item.confidence.value_or(0));
  if (item.rating) size += kRatingKey.size() + rating.length;
  if (item.confidence) size += kConfidenceKey.size() + confidence.length;
  if (item.active) size += *item.active ? kActiveTrue.size() : kActiveFalse.size();
  if (!item.tags.empty()) {
    if (!names_size(item.tags, size)) return false;
    size += kTagOpen.size() + kArrayClose.size();
  }
  if (!item.security_labels.empty()) {
    if (!names_size(item.security_labels, size)) return false;
    size += kLabelOpen.size() + kArrayClose.size();
  }
  if (!item.attributes.empty()) {
    for (const auto& [attribute, value] : item.attributes) {
      if (!JsonWriter::is_verbatim(attribute) || !JsonWriter::is_verbatim(value)) return false;
      size +=
          kAttributeTypeOpen.size() + attribute.size() + kAttributeValueKey.size() + value.size() + kStringClose.size();
    }
    size += kAttributeOpen.size() + item.attributes.size() - 1 + kArrayClose.size();
  }
  if (!item.group_xids.empty()) {
    if (!names_size(item.group_xids, size, kGroupXidOpen)) return false;
    size += kAssociatedGroupsOpen.size() + kArrayClose.size();
  }

  const std::size_t at = out.size();
  out.resize(at + size);
  Cursor cursor(out.data() + at);
  cursor.put(kTypeOpen);
  cursor.put(type);
  cursor.put(kSummaryKey);
  cursor.put(item.summary);
  cursor.put(kQuote);
  if (item.rating) {
    cursor.put(kRatingKey);
    cursor.put(rating.view());
  }
  if (item.confidence) {
    cursor.put(kConfidenceKey);
    cursor.put(confidence.view());
  }
  if (item.active) cursor.put(*item.active ? kActiveTrue : kActiveFalse);
  if (!item.tags.empty()) put_names(cursor, kTagOpen, item.tags);
  if (!item.security_labels.empty()) put_names(cursor, kLabelOpen, item.security_labels);
  if (!item.attributes.empty()) {
    cursor.put(kAttributeOpen);
    for (std::size_t i = 0; i < item.attributes.size(); ++i) {
      if (i > 0) cursor.put(kComma);
      cursor.put(kAttributeTypeOpen);
      cursor.put(item.attributes[i].first);
      cursor.put(kAttributeValueKey);
      cursor.put(item.attributes[i].second);
      cursor.put(kStringClose);
    }
    cursor.put(kArrayClose);
  }
  if (!item.group_xids.empty()) put_names(cursor, kAssociatedGroupsOpen, item.group_xids, kGroupXidOpen);
  cursor.put(kObjectClose);
  return true;
}

}  // namespace tcfeed::threatconnect
