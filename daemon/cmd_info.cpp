// `tcfeed connectors` and `tcfeed version`: what this build contains.
#include <openssl/opensslv.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <boost/version.hpp>

#include <cstdio>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"

#define STRINGIFY_TOKENS(x) #x
#define STRINGIFY(x) STRINGIFY_TOKENS(x)

namespace tcfeed::cli {

int connectors() {
  std::puts("Keys every connector takes: name, type, owner (required), schedule {every, jitter, run_on_start},");
  std::puts("rating (0-5), confidence (0-100), tags, security_labels, attribute_write_type (Singleton),");
  std::puts("tag_write_type (Append), security_label_write_type (Append); full-list feeds: removed (ignore),");
  std::puts(
      "removed_guard (20%); incremental feeds: expire_after (off: deactivate what the source stopped mentioning).\n");
  for (const auto& type : pipeline::builtin_connectors().types()) {
    std::printf("%s\n  %s\n", type.name.c_str(), type.description.c_str());
    if (const auto& cadence = type.public_cadence) {
      std::printf("  polled at most every %s on %s (the source's documented minimum; schedule.every is raised to it)\n",
                  format_duration(std::chrono::duration_cast<Duration>(cadence->min_every)).c_str(),
                  cadence->hosts.front().c_str());
    }
    for (const auto& key : type.keys) {
      std::printf("  %-16s %-9s %s%s%s\n", key.name.c_str(), key.kind.c_str(), key.description.c_str(),
                  key.required ? " (required)" : "",
                  key.default_value.empty() ? "" : (" [default: " + key.default_value + "]").c_str());
    }
    std::puts("");
  }
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
