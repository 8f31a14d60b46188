#include "lib/config/export_config.hpp"

#include <algorithm>

#include "lib/config/map_reader.hpp"

namespace tcfeed::config {
namespace {

// What one EDL may hold: a PAN-OS list is of one kind (IP, domain or URL), so a list that mixed
// them would be refused or misread by the firewall (docs/exports.md, Formats).
enum class EdlKind { None, Ip, Domain, Url };

EdlKind edl_kind(indicators::IndicatorType type) {
  using indicators::IndicatorType;
  switch (type) {
    case IndicatorType::Address:
    case IndicatorType::CIDR: return EdlKind::Ip;
    case IndicatorType::Host: return EdlKind::Domain;
    case IndicatorType::URL: return EdlKind::Url;
    default: return EdlKind::None;
  }
}

EdlOptions read_edl(MapReader reader) {
  EdlOptions edl;
  if (auto hosts = reader.string("hosts")) {
    if (*hosts == "as_is")
      edl.hosts = EdlHosts::AsIs;
    else if (*hosts == "wildcard")
      edl.hosts = EdlHosts::Wildcard;
    else if (*hosts == "both")
      edl.hosts = EdlHosts::Both;
    else
      reader.fail("hosts", "expected as_is, wildcard or both");
  }
  edl.collapse = reader.boolean("collapse").value_or(edl.collapse);
  edl.comments = reader.boolean("comments").value_or(edl.comments);
  reader.finish();
  return edl;
}

ExportAuth read_auth(MapReader reader, bool read_secrets) {
  ExportAuth auth;
  auto bearer = reader.secret("bearer_token");
  auto user = reader.string("basic_user");
  auto password = reader.secret("basic_password");
  if (bearer && (user || password)) reader.fail_here("use either bearer_token_* or basic_user with basic_password_*");
  if (user.has_value() != password.has_value()) {
    reader.fail(user ? "basic_password" : "basic_user", "basic auth needs both basic_user and basic_password_*");
  }
  if (user && (user->empty() || user->find(':') != std::string::npos)) {
    reader.fail("basic_user", "must be non-empty and hold no ':'");
  }
  if (bearer) {
    auth.kind = ExportAuth::Kind::Bearer;
    auth.ref = bearer;
    if (read_secrets) auth.secret = load_secret(reader, "bearer_token", *bearer);
  } else if (user) {
    auth.kind = ExportAuth::Kind::Basic;
    auth.user = *user;
    auth.ref = password;
    if (read_secrets) auth.secret = load_secret(reader, "basic_password", *password);
  }
  if (read_secrets && auth.kind != ExportAuth::Kind::None && auth.secret.empty()) {
    reader.fail_here("the secret is empty");
  }
  reader.finish();
  return auth;
}

ExportConfig read_export(MapReader reader, int line, bool read_secrets) {
  ExportConfig out;
  out.line = line;
  out.name = reader.required_string("name");
  const bool name_ok = !out.name.empty() && out.name.size() <= 64 &&
                       std::all_of(out.name.begin(), out.name.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  if (!name_ok) reader.fail("name", "use 1 to 64 of a-z, 0-9 and '-' (it is the path /exports/NAME)");
  out.owners = reader.string_list("owners");
  if (out.owners.empty()) reader.fail("owners", "is required: the ThreatConnect owners whose indicators are listed");
  for (const auto& owner : out.owners) {
    if (owner.empty()) reader.fail("owners", "an owner name may not be empty");
  }
  for (const auto& name : reader.string_list("types")) {
    const auto type = indicators::parse_indicator_type(name);
    if (!type) {
      reader.fail("types", "'" + name + "' is not one of " + std::string(indicators::all_type_names_joined()));
    }
    if (std::find(out.types.begin(), out.types.end(), *type) == out.types.end()) out.types.push_back(*type);
  }
  if (auto n = reader.integer("min_rating", 0, 5)) out.min_rating = static_cast<int>(*n);
  if (auto n = reader.integer("min_confidence", 0, 100)) out.min_confidence = static_cast<int>(*n);
  if (auto n = reader.integer("min_threat_assess_score", 0, 1000)) out.min_threat_assess_score = static_cast<int>(*n);
  out.tags_any = reader.string_list("tags_any");
  for (const auto& tag : out.tags_any) {
    if (tag.empty() || tag.size() > 128) reader.fail("tags_any", "each tag must be 1 to 128 characters");
  }
  out.where = reader.string("where").value_or("");
  if (auto format = reader.string("format")) {
    if (*format == "edl")
      out.format = ExportFormat::Edl;
    else if (*format == "csv")
      out.format = ExportFormat::Csv;
    else if (*format == "json")
      out.format = ExportFormat::Json;
    else
      reader.fail("format", "expected edl, csv or json");
  }
  if (auto n = reader.integer("max_entries", 1, 100'000'000)) out.max_entries = static_cast<std::size_t>(*n);
  if (auto every = reader.duration("every")) {
    if (*every < std::chrono::seconds(10)) reader.fail("every", "must be at least 10s");
    out.every = *every;
  }
  if (auto full = reader.duration("full_every")) {
    if (*full < out.every) reader.fail("full_every", "must be at least `every`");
    out.full_every = *full;
  }
  out.file = reader.string("file").value_or("");
  if (auto guard = reader.string("shrink_guard")) out.shrink_guard = read_fraction(reader, "shrink_guard", *guard);
  out.never = reader.located_list("never");
  const bool has_edl = reader.has("edl");
  out.edl = read_edl(reader.map("edl"));
  if (has_edl && out.format != ExportFormat::Edl) reader.fail("edl", "applies to format: edl only");
  out.auth = read_auth(reader.map("auth"), read_secrets);
  if (out.format == ExportFormat::Edl) {
    if (out.types.empty()) {
      reader.fail("types", "is required for format edl: one kind per list, e.g. [Address, CIDR], [Host] or [URL]");
    }
    const EdlKind kind = edl_kind(out.types.front());
    for (auto type : out.types) {
      if (edl_kind(type) == EdlKind::None) {
        reader.fail("types", "format edl lists Address, CIDR, Host or URL only, not " +
                                 std::string(indicators::type_name(type)));
      }
      if (edl_kind(type) != kind) {
        reader.fail("types", "an edl list holds one kind (IP: Address and CIDR; Host; URL): make one export per kind");
      }
    }
  }
  reader.finish();
  return out;
}

}  // namespace

std::vector<ExportConfig> read_exports(const YAML::Node& node, const std::string& file, bool read_secrets) {
  std::vector<ExportConfig> exports;
  if (!node.IsDefined() || node.IsNull()) return exports;
  if (!node.IsSequence()) fail_at(file, node, "exports", "expected a list of exports");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string item_path = "exports[" + std::to_string(i) + "]";
    if (!node[i].IsMap()) fail_at(file, node[i], item_path, "expected a mapping");
    ExportConfig entry = read_export(MapReader(node[i], file, item_path), node[i].Mark().line + 1, read_secrets);
    for (const auto& other : exports) {
      if (other.name == entry.name) {
        fail_at(file, node[i]["name"], item_path + ".name", "duplicate export name '" + entry.name + "'");
      }
    }
    exports.push_back(std::move(entry));
  }
  return exports;
}

std::string_view format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::Edl: return "edl";
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Json: return "json";
  }
  return "edl";
}

const std::vector<KeySpec>& export_keys() {
  static const ExportConfig defaults;
  static const std::vector<KeySpec> keys = {
      {"name", "string", "", "[a-z0-9-]+, unique; served at /exports/NAME", true},
      {"owners", "list", "", "ThreatConnect owners whose indicators are listed (checked online)", true},
      {"types", "list", "", "indicator types; required for edl (one kind: [Address, CIDR], [Host] or [URL])"},
      {"min_rating", "integer", "", "0-5; only indicators rated at least this"},
      {"min_confidence", "integer", "", "0-100"},
      {"min_threat_assess_score", "integer", "", "0-1000"},
      {"tags_any", "list", "", "only indicators carrying one of these tags"},
      {"where", "string", "", "raw TQL, ANDed with the filters above"},
      {"format", "string", std::string(format_name(defaults.format)), "edl | csv | json"},
      {"max_entries", "integer", "", "keep the highest ThreatAssess scores; the cut is logged and counted"},
      {"every", "duration", format_duration(defaults.every), "incremental refresh (what changed, with an overlap)"},
      {"full_every", "duration", format_duration(defaults.full_every), "full re-read: catches deletions"},
      {"file", "string", "", "also written here, atomically, after each refresh"},
      {"shrink_guard", "fraction", "30%", "a refresh removing more than this waits for a full read to confirm"},
      {"never", "list", "", "never listed (allowlist syntax), beside allowlist: and the reserved ranges"},
      {"edl.hosts", "string", "as_is", "as_is | wildcard (*.host) | both"},
      {"edl.collapse", "bool", bool_text(defaults.edl.collapse), "merge adjacent addresses into CIDR blocks"},
      {"auth.bearer_token_file|_env|_credential", "secret", "", "clients must send Authorization: Bearer <token>"},
      {"auth.basic_user", "string", "", "with auth.basic_password_file|_env|_credential: HTTP basic auth"},
      {"edl.comments", "bool", bool_text(defaults.edl.comments), "a ' # owner score' comment after each value"},
  };
  return keys;
}

}  // namespace tcfeed::config
