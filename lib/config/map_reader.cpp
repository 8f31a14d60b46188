#include "lib/config/map_reader.hpp"

#include <algorithm>

namespace tcfeed::config {

void fail_at(const std::string& file, const YAML::Node& node, const std::string& path, const std::string& message) {
  std::string where = file;
  if (node.IsDefined() && node.Mark().line >= 0) where += ":" + std::to_string(node.Mark().line + 1);
  throw ConfigError(where + ": " + (path.empty() ? "" : path + ": ") + message);
}

MapReader::MapReader(YAML::Node node, std::string file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {
  if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap()) {
    fail_here("expected a mapping of keys to values");
  }
}

std::string MapReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void MapReader::fail(std::string_view key, const std::string& message) const {
  const YAML::Node at = node_.IsMap() && node_[std::string(key)] ? node_[std::string(key)] : node_;
  fail_at(file_, at, key_path(key), message);
}

void MapReader::fail_here(const std::string& message) const { fail_at(file_, node_, path_, message); }

bool MapReader::has(std::string_view key) const { return node_.IsMap() && node_[std::string(key)].IsDefined(); }

YAML::Node MapReader::value(std::string_view key) {
  read_.emplace(key);
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  YAML::Node found = node_[std::string(key)];
  return found;
}

void MapReader::accept(std::string_view key) { read_.emplace(key); }

std::optional<std::string> MapReader::string(std::string_view key) {
  const YAML::Node found = value(key);
  if (!found.IsDefined() || found.IsNull()) return std::nullopt;
  if (!found.IsScalar()) fail(key, "expected a string");
  return found.Scalar();
}

std::string MapReader::required_string(std::string_view key) {
  auto found = string(key);
  if (!found || found->empty()) fail(key, "is required (a non-empty string)");
  return *found;
}

std::optional<std::int64_t> MapReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const YAML::Node found = value(key);
  if (!found.IsDefined() || found.IsNull()) return std::nullopt;
  std::int64_t number = 0;
  if (!found.IsScalar() || !YAML::convert<std::int64_t>::decode(found, number)) {
    fail(key, "expected a whole number, got '" + (found.IsScalar() ? found.Scalar() : "?") + "'");
  }
  if (number < min || number > max) {
    fail(key, "expected a number from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
                  std::to_string(number));
  }
  return number;
}

std::optional<bool> MapReader::boolean(std::string_view key) {
  const YAML::Node found = value(key);
  if (!found.IsDefined() || found.IsNull()) return std::nullopt;
  bool flag = false;
  if (!found.IsScalar() || !YAML::convert<bool>::decode(found, flag)) {
    fail(key, "expected true or false");
  }
  return flag;
}

std::optional<Duration> MapReader::duration(std::string_view key) {
  auto text = string(key);
  if (!text) return std::nullopt;
  auto parsed = parse_duration(*text);
  if (!parsed) fail(key, "expected a duration like 20s, 15m, 6h or 7d, got '" + *text + "'");
  return parsed;
}

std::vector<std::string> MapReader::string_list(std::string_view key) {
  const YAML::Node found = value(key);
  std::vector<std::string> out;
  if (!found.IsDefined() || found.IsNull()) return out;
  if (!found.IsSequence()) fail(key, "expected a list, e.g. [a, b]");
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (!found[i].IsScalar()) {
      fail_at(file_, found[i], key_path(key) + "[" + std::to_string(i) + "]", "expected a string");
    }
    out.push_back(found[i].Scalar());
  }
  return out;
}

std::vector<LocatedValue> MapReader::located_list(std::string_view key) {
  const YAML::Node found = value(key);
  std::vector<LocatedValue> out;
  auto strings = string_list(key);
  for (std::size_t i = 0; i < strings.size(); ++i) out.push_back({std::move(strings[i]), found[i].Mark().line + 1});
  return out;
}

MapReader MapReader::map(std::string_view key) { return MapReader(value(key), file_, key_path(key)); }

YAML::Node MapReader::raw(std::string_view key) { return value(key); }

namespace {

bool is_variable_name(std::string_view text) {
  if (text.empty() || (text.front() >= '0' && text.front() <= '9')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::optional<SecretRef> MapReader::secret(std::string_view name) {
  const std::string base(name);
  if (has(base)) {
    fail(base, "secrets are not accepted inline; use " + base + "_file, " + base + "_env or " + base + "_credential");
  }
  std::optional<SecretRef> found;
  const std::pair<const char*, SecretRef::Kind> kinds[] = {
      {"_file", SecretRef::Kind::File}, {"_env", SecretRef::Kind::Env}, {"_credential", SecretRef::Kind::Credential}};
  for (const auto& [suffix, kind] : kinds) {
    const std::string key = base + suffix;
    if (auto location = string(key)) {
      if (found) fail(key, "give only one of " + base + "_file, " + base + "_env, " + base + "_credential");
      if (location->empty()) fail(key, "must not be empty");
      if (kind == SecretRef::Kind::Env && !is_variable_name(*location)) {
        // Most likely the secret itself pasted in: the message must not repeat it, here or later
        // as "environment variable <secret> is not set" on the status page and in the log.
        fail(key,
             "expected the name of an environment variable (letters, digits and '_', not starting with a digit); "
             "what is written there is not shown, in case it is the secret itself");
      }
      found = SecretRef{kind, *location};
    }
  }
  return found;
}

void MapReader::finish() const {
  if (!node_.IsMap()) return;
  for (const auto& entry : node_) {
    const std::string key = entry.first.as<std::string>();
    if (read_.find(key) == read_.end()) {
      fail_at(file_, entry.first, key_path(key), "unknown key");
    }
  }
}

double read_fraction(MapReader& reader, std::string_view key, const std::string& text) {
  const bool percent = !text.empty() && text.back() == '%';
  double value = -1;
  try {
    std::size_t used = 0;
    value = std::stod(percent ? text.substr(0, text.size() - 1) : text, &used);
    if (used != text.size() - (percent ? 1 : 0)) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    reader.fail(key, "expected a percentage like 10% or a fraction like 0.1");
  }
  if (percent) value /= 100.0;
  if (value < 0 || value > 1) reader.fail(key, "must be between 0% and 100%");
  return value;
}

Secret load_secret(MapReader& reader, std::string_view name, const SecretRef& ref) {
  try {
    return read_secret(ref);
  } catch (const SecretError& error) {
    reader.fail(std::string(name) + (ref.kind == SecretRef::Kind::File  ? "_file"
                                     : ref.kind == SecretRef::Kind::Env ? "_env"
                                                                        : "_credential"),
                error.what());
  }
}

}  // namespace tcfeed::config
