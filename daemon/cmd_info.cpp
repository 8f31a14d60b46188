// `tcfeed connectors` and `tcfeed version`: what this build contains.
#include <openssl/opensslv.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <boost/version.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/nearest_name.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

#define STRINGIFY_TOKENS(x) #x
#define STRINGIFY(x) STRINGIFY_TOKENS(x)

namespace tcfeed::cli {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void print_key(const config::KeySpec& key) {
  std::printf("  %-16s %-9s %s%s%s\n", key.name.c_str(), key.kind.c_str(), key.description.c_str(),
              key.required ? " (required)" : "",
              key.default_value.empty() ? "" : (" [default: " + key.default_value + "]").c_str());
}

// The transport keys (where the source is, how it is fetched, credentials, proxy) as every type
// takes them; a type states only where it differs (an example url, its own max_bytes default).
std::vector<config::KeySpec> shared_transport_keys() {
  auto keys = pipeline::source_location_keys("");
  for (auto& key : pipeline::source_access_keys()) keys.push_back(std::move(key));
  return keys;
}

const config::KeySpec* find_key(const std::vector<config::KeySpec>& keys, const std::string& name) {
  const auto found = std::find_if(keys.begin(), keys.end(), [&](const auto& key) { return key.name == name; });
  return found == keys.end() ? nullptr : &*found;
}

void print_type(const pipeline::ConnectorType& type, const std::vector<config::KeySpec>& shared) {
  std::printf("%s\n  %s\n", type.name.c_str(), type.description.c_str());
  if (const auto& cadence = type.public_cadence) {
    std::printf("  polled at most every %s on %s (the source's documented minimum; schedule.every is raised to it)\n",
                format_duration(std::chrono::duration_cast<Duration>(cadence->min_every)).c_str(),
                cadence->hosts.front().c_str());
  }
  bool takes_transport = false;
  std::vector<std::string> differences;
  for (const auto& key : type.keys) {
    const config::KeySpec* common = find_key(shared, key.name);
    if (common == nullptr) {
      print_key(key);
      continue;
    }
    takes_transport = true;
    if (key.default_value != common->default_value) {
      differences.push_back(key.name + " defaults to " + key.default_value);
    }
    // "https:// or file:// address, e.g. https://…": the type's own part of the description.
    if (key.description != common->description && key.description.rfind(common->description, 0) == 0) {
      std::string own = key.description.substr(common->description.size());
      if (own.rfind(", ", 0) == 0) own.erase(0, 2);
      differences.push_back(key.name + ": " + own);
    }
  }
  if (takes_transport) {
    std::printf("  and the transport keys above%s", differences.empty() ? "" : "; here ");
    for (std::size_t i = 0; i < differences.size(); ++i) {
      std::printf("%s%s", i == 0 ? "" : "; ", differences[i].c_str());
    }
    std::puts("");
  }
  std::puts("");
}

}  // namespace

int connectors(const std::string& wanted) {
  const auto& types = pipeline::builtin_connectors().types();
  const pipeline::ConnectorType* only = nullptr;
  if (!wanted.empty()) {
    std::vector<std::string> names;
    for (const auto& type : types) {
      names.push_back(type.name);
      if (same_ignoring_case(type.name, wanted)) only = &type;
    }
    if (only == nullptr) {
      std::string list;
      for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
      std::fprintf(stderr, "tcfeed connectors: no connector type '%s'%s; the types are %s\n", wanted.c_str(),
                   did_you_mean(wanted, names).c_str(), list.c_str());
      return kExitUsage;
    }
  }
  if (only == nullptr) {
    std::puts("Keys every connector takes: name, type, owner (required), schedule {every, jitter, run_on_start},");
    std::puts("rating (0-5), confidence (0-100), tags, security_labels, attribute_write_type (Singleton),");
    std::puts("tag_write_type (Append), security_label_write_type (Append); full-list feeds: removed (ignore),");
    std::puts(
        "removed_guard (20%); incremental feeds: expire_after (off: deactivate what the source stopped mentioning).\n");
  }
  const auto shared = shared_transport_keys();
  std::puts("Transport keys (every type below takes them; a type's own defaults and examples are noted under it):");
  for (const auto& key : shared) print_key(key);
  std::puts("");
  if (only != nullptr) {
    print_type(*only, shared);
    return kExitOk;
  }
  for (const auto& type : types) print_type(type, shared);
  return kExitOk;
}

int version() {
#ifdef TCFEED_TEST_HOOKS
  constexpr const char* kHooks = "test hooks compiled in";
#else
  constexpr const char* kHooks = "release";
#endif
  std::printf("tcfeed %s (%s, built %s)\n", TCFEED_VERSION, kHooks, __DATE__);
  // ICU as loaded, and the Unicode version its UTS #46 tables follow (docs/hosts.md).
  UVersionInfo icu{};
  UVersionInfo unicode{};
  u_getVersion(icu);
  u_getUnicodeVersion(unicode);
  char icu_text[U_MAX_VERSION_STRING_LENGTH] = {};
  char unicode_text[U_MAX_VERSION_STRING_LENGTH] = {};
  u_versionToString(icu, icu_text);
  u_versionToString(unicode, unicode_text);
  std::printf("Boost %d.%d.%d, %s, SQLite %s, ICU %s (Unicode %s), simdjson %s\n", BOOST_VERSION / 100000,
              BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100, OPENSSL_VERSION_TEXT, sqlite3_libversion(), icu_text,
              unicode_text, STRINGIFY(SIMDJSON_VERSION));
  return kExitOk;
}

}  // namespace tcfeed::cli
