#include "lib/pipeline/stream/misp_warninglist.hpp"

#include <simdjson.h>

#include <filesystem>

namespace tcfeed::pipeline {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw WarninglistError(path + ": " + message);
}

WarninglistKind kind_of(const std::string& path, std::string_view type) {
  if (type == "string") return WarninglistKind::String;
  if (type == "substring") return WarninglistKind::Substring;
  if (type == "hostname") return WarninglistKind::Hostname;
  if (type == "cidr") return WarninglistKind::Cidr;
  fail(path, "type '" + std::string(type) + "' is not supported; expected string, substring, hostname or cidr");
}

void read_strings(const std::string& path, simdjson::dom::element array, const char* member,
                  std::vector<std::string>& out) {
  simdjson::dom::array items;
  if (array.get(items) != simdjson::SUCCESS) fail(path, std::string("expected '") + member + "' to be an array");
  for (const simdjson::dom::element item : items) {
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) {
      fail(path, std::string("expected every element of '") + member + "' to be a string");
    }
    out.emplace_back(text);
  }
}

}  // namespace

MispWarninglist read_misp_warninglist(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, "is a directory, expected a MISP warninglist JSON file");
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto error = parser.load(path).get(root); error != simdjson::SUCCESS) {
    fail(path, error == simdjson::IO_ERROR ? "cannot read the file"
                                           : std::string("not valid JSON: ") + simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) fail(path, "expected a JSON object (a MISP warninglist)");
  MispWarninglist list;
  std::string_view text;
  if (object["name"].get(text) != simdjson::SUCCESS || text.empty()) {
    fail(path, "expected a MISP warninglist with a 'name' string");
  }
  list.name = text;
  if (object["type"].get(text) == simdjson::SUCCESS) list.kind = kind_of(path, text);  // MISP's default: string
  simdjson::dom::element member;
  if (object["list"].get(member) != simdjson::SUCCESS) fail(path, "expected a MISP warninglist with a 'list' array");
  read_strings(path, member, "list", list.entries);
  if (object["matching_attributes"].get(member) == simdjson::SUCCESS) {
    read_strings(path, member, "matching_attributes", list.matching_attributes);
  }
  return list;
}

std::string warninglist_id(const std::string& path) {
  const std::filesystem::path file(path);
  if (file.filename() == "list.json" && file.has_parent_path() && !file.parent_path().filename().empty()) {
    return file.parent_path().filename().string();
  }
  return file.stem().string();
}

}  // namespace tcfeed::pipeline
