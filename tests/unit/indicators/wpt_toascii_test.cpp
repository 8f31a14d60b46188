// The public conformance suite for the URL Standard's domain to ASCII, web-platform-tests'
// url/resources/toascii.json (tests/fixtures/wpt/README.md), run through the Host indicator and
// through a URL's host. Every case must come out as a browser's URL parser has it: the expected
// host, or a failure. The exceptions are named below, each with its reason, and docs/hosts.md
// lists the same ones: what tcfeed's own Host rules refuse on purpose, and what ICU's Unicode
// version decides otherwise. A case outside the lists that diverges fails the test, and so does a
// listed case that no longer diverges.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/normalize.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

struct Divergence {
  Reject reason;         // what tcfeed answers instead
  std::string_view why;  // the documented difference
};

// tcfeed's own Host rules on top of domain to ASCII (docs/hosts.md, "Differences from the URL
// Standard"): a Host is a public DNS name.
constexpr std::string_view kSingleLabel = "a single label is no public domain name";
constexpr std::string_view kEmptyLabel = "an empty label is no DNS name (VerifyDnsLength=false lets it through)";
constexpr std::string_view kLongLabel = "a label over 63 bytes is no DNS name (VerifyDnsLength=false lets it through)";
constexpr std::string_view kLongName = "a name over 253 bytes is no DNS name (VerifyDnsLength=false lets it through)";

std::string long_label(std::string_view last) {
  return "x01234567890123456789012345678901234567890123456789012345678901" + std::string(last);
}
std::string long_name(std::string_view tld) {
  const std::string fifty = "01234567890123456789012345678901234567890123456789";
  return fifty + "." + fifty + "." + fifty + "." + fifty + "." + fifty.substr(0, 49) + "." + std::string(tld);
}

const std::map<std::string, Divergence>& rejected_on_purpose() {
  static const std::map<std::string, Divergence> cases = {
      {"aa--", {Reject::HostSingleLabel, kSingleLabel}},
      {"a\u2020--", {Reject::HostSingleLabel, kSingleLabel}},
      {"ab--c", {Reject::HostSingleLabel, kSingleLabel}},
      {"-x", {Reject::HostSingleLabel, kSingleLabel}},
      {"-\u2020", {Reject::HostSingleLabel, kSingleLabel}},
      {"xn--a", {Reject::HostSingleLabel, kSingleLabel}},
      {"xn--ls8h=", {Reject::HostInvalidCharacter, "'=' is outside a-z 0-9 _ - (and a single label)"}},
      {"xn--a-yoc", {Reject::HostSingleLabel, kSingleLabel}},
      {"\u2260", {Reject::HostSingleLabel, kSingleLabel}},
      {"\u226E", {Reject::HostSingleLabel, kSingleLabel}},
      {"\u226F", {Reject::HostSingleLabel, kSingleLabel}},
      {"=\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {"<\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {">\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {"=\u00AD\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {"<\u00AD\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {">\u00AD\u0338", {Reject::HostSingleLabel, kSingleLabel}},
      {"\u0DC1\u0DCA\u200D\u0DBB\u0DD3", {Reject::HostSingleLabel, kSingleLabel}},
      {"\u0646\u0627\u0645\u0647\u200C\u0627\u06CC", {Reject::HostSingleLabel, kSingleLabel}},
      {"a\u00ADb", {Reject::HostSingleLabel, kSingleLabel}},
      {long_label("x"), {Reject::HostLabelTooLong, kLongLabel}},  // and a single label
      {long_label("\u2020"), {Reject::HostLabelTooLong, kLongLabel}},
      {"x..xn--zca", {Reject::HostEmptyLabel, kEmptyLabel}},
      {"x..\u00DF", {Reject::HostEmptyLabel, kEmptyLabel}},
      {long_label("x.xn--zca"), {Reject::HostLabelTooLong, kLongLabel}},
      {long_label("x.\u00DF"), {Reject::HostLabelTooLong, kLongLabel}},
      {long_name("x"), {Reject::HostTooLong, kLongName}},
      {long_name("xn--zca"), {Reject::HostTooLong, kLongName}},
      {long_name("\u00DF"), {Reject::HostTooLong, kLongName}},
  };
  return cases;
}

// Cases where ICU's Unicode version (Debian 12's ICU 72.1: Unicode 15.0) gives another answer than
// the newer UTS #46 tables the suite was written against (docs/hosts.md, "ICU's Unicode version").
// Each is a name tcfeed refuses and browsers accept: an indicator lost, never a wrong one sent.
constexpr std::string_view kNowIgnored =
    "a default-ignorable code point: ignored by newer tables, disallowed by 15.0's";
constexpr std::string_view kNowMapped = "mapped to a letter by newer tables, disallowed by 15.0's";

const std::map<std::string, Divergence>& unicode_version_differences() {
  static const std::map<std::string, Divergence> cases = {
      {"look\u180Eout.net", {Reject::HostIdnaError, kNowIgnored}},  // MONGOLIAN VOWEL SEPARATOR
      {"look\u206Bout.net", {Reject::HostIdnaError, kNowIgnored}},  // ACTIVATE SYMMETRIC SWAPPING
      {"\u04C0.com", {Reject::HostIdnaError, kNowMapped}},          // CYRILLIC LETTER PALOCHKA -> U+04CF
      {"\U0002F868.com", {Reject::HostIdnaError, kNowMapped}},      // CJK COMPATIBILITY IDEOGRAPH -> U+36FC
      {"\u2183.com", {Reject::HostIdnaError, kNowMapped}},          // ROMAN NUMERAL REVERSED ONE HUNDRED -> U+2184
  };
  return cases;
}

struct WptCase {
  std::string input;
  std::string output;  // the host a browser has
  bool failure = false;
};

std::vector<WptCase> load_toascii() {
  const char* source_dir = std::getenv("TCFEED_SOURCE_DIR");
  const std::string path = std::string(source_dir == nullptr ? "." : source_dir) + "/tests/fixtures/wpt/toascii.json";
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.load(path).get(document) != simdjson::SUCCESS) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::vector<WptCase> cases;
  for (simdjson::dom::element item : document.get_array()) {
    if (!item.is_object()) continue;  // the file's comments are plain strings
    WptCase entry;
    entry.input = std::string(std::string_view(item["input"]));
    const simdjson::dom::element output = item["output"];
    entry.failure = output.is_null();
    if (!entry.failure) entry.output = std::string(std::string_view(output));
    cases.push_back(std::move(entry));
  }
  return cases;
}

// Bytes a URL gives a meaning of their own, outside its host: such an input is not a host there.
bool fits_in_a_url(std::string_view input) {
  return input.find_first_of("/?#@:[]\\% \t\r\n") == std::string_view::npos;
}

TEST(WptToAscii, EveryCaseAsBrowsersOrListed) {
  const std::vector<WptCase> cases = load_toascii();
  ASSERT_GE(cases.size(), 80u);
  std::size_t listed_seen = 0;
  std::string host;
  std::string url;
  for (const WptCase& c : cases) {
    const std::string shown = testing::printable(c.input);
    const Reject host_reason = normalize(IndicatorType::Host, c.input, host);
    const bool in_url = fits_in_a_url(c.input);
    const Reject url_reason = in_url ? normalize(IndicatorType::URL, "https://" + c.input + "/x", url) : Reject::None;

    const auto* listed = [&]() -> const Divergence* {
      for (const auto* list : {&rejected_on_purpose(), &unicode_version_differences()}) {
        if (const auto it = list->find(c.input); it != list->end()) return &it->second;
      }
      return nullptr;
    }();
    if (listed != nullptr) {
      ++listed_seen;
      EXPECT_EQ(reject_id(host_reason), reject_id(listed->reason)) << shown << ": " << listed->why;
      if (in_url) {
        EXPECT_EQ(reject_id(url_reason), reject_id(listed->reason)) << "URL " << shown;
      }
      EXPECT_FALSE(c.failure) << shown << " is listed, but browsers fail it too: take it off the list";
      continue;
    }
    if (c.failure) {
      EXPECT_NE(host_reason, Reject::None) << shown << " must be refused, became " << host;
      if (in_url) {
        EXPECT_NE(url_reason, Reject::None) << "URL " << shown << " must be refused, became " << url;
      }
      continue;
    }
    EXPECT_EQ(reject_id(host_reason), reject_id(Reject::None)) << shown << " must become " << c.output;
    if (host_reason == Reject::None) {
      EXPECT_EQ(host, c.output) << shown;
    }
    if (in_url) {
      EXPECT_EQ(reject_id(url_reason), reject_id(Reject::None)) << "URL " << shown;
      if (url_reason == Reject::None) {
        EXPECT_EQ(url, "https://" + c.output + "/x") << "URL " << shown;
      }
    }
  }
  // Every listed case is in the suite: a list cannot keep an entry the suite dropped.
  EXPECT_EQ(listed_seen, rejected_on_purpose().size() + unicode_version_differences().size());
}

}  // namespace
}  // namespace tcfeed::indicators
