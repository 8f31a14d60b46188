#include "lib/pipeline/source/source_access.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <openssl/evp.h>

#include "lib/core/percent_encode.hpp"
#include "lib/net/tls_policy.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr bool kAuthBearerDefault = false;

const char* secret_suffix(const SecretRef& ref) {
  switch (ref.kind) {
    case SecretRef::Kind::File: return "_file";
    case SecretRef::Kind::Env: return "_env";
    case SecretRef::Kind::Credential: return "_credential";
  }
  return "_file";
}

std::string base64(std::string_view bytes) {
  std::string encoded(4 * ((bytes.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  return encoded;
}

// Both halves, each readable, the key the certificate's: checked at load so that a mistake is a
// located configuration error, not a failed poll hours later.
void read_client_identity(config::MapReader& keys, SourceLocation& location) {
  const std::optional<std::string> cert = keys.string("tls_client_cert");
  location.tls_client_key = keys.secret("tls_client_key");
  if (!cert && !location.tls_client_key) return;
  if (!cert) {
    keys.fail("tls_client_key", "needs tls_client_cert: the client certificate (PEM) this key belongs to");
  }
  if (!location.tls_client_key) {
    keys.fail("tls_client_cert",
              "needs its private key: give tls_client_key_file, tls_client_key_env or tls_client_key_credential");
  }
  if (cert->empty()) keys.fail("tls_client_cert", "must not be empty");
  std::error_code error;
  if (!std::filesystem::is_regular_file(*cert, error) || ::access(cert->c_str(), R_OK) != 0) {
    keys.fail("tls_client_cert", "cannot read the client certificate " + *cert + ": " +
                                     (error ? error.message() : std::string(std::strerror(errno))));
  }
  location.tls_client_cert = *cert;
  const Secret key = config::load_secret(keys, "tls_client_key", *location.tls_client_key);
  if (const std::string problem = net::tls::check_client_identity(*cert, key); !problem.empty()) {
    keys.fail(std::string("tls_client_key") + secret_suffix(*location.tls_client_key), problem);
  }
}

}  // namespace

std::vector<config::KeySpec> source_location_keys(const std::string& url_example, std::size_t default_max_bytes) {
  const SourceLocation defaults;
  return {
      {"url", "url", "", "https:// or file:// address" + (url_example.empty() ? "" : ", " + url_example), true},
      {"ca_file", "path", "(threatconnect.ca_file, else the system store)", "CA bundle for an https:// source", false},
      {"tls_client_cert", "path", "",
       "client certificate (PEM) for an https:// source that requires one; with tls_client_key_*", false},
      {"tls_client_key_file", "secret", "",
       "the client certificate's private key, unencrypted PEM (or tls_client_key_env / tls_client_key_credential)",
       false},
      {"tls_client_key_env", "secret", "", "see tls_client_key_file", false},
      {"tls_client_key_credential", "secret", "", "see tls_client_key_file", false},
      {"max_bytes", "integer", std::to_string(default_max_bytes),
       "largest download accepted, and the largest feed once unpacked from a zip or gzip", false},
      {"fetch_timeout", "duration", format_duration(defaults.fetch_timeout),
       "an https:// download (or API request) must be complete within this long", false},
      {"fetch_min_rate", "integer", std::to_string(defaults.fetch_min_rate),
       "bytes per second an https:// body must come at, at least, in every fetch_min_rate_window; 0: no minimum",
       false},
      {"fetch_min_rate_window", "duration", format_duration(defaults.fetch_min_rate_window),
       "the window fetch_min_rate is measured over", false},
  };
}

SourceLocation read_source_location(config::MapReader& keys, const config::Config& global,
                                    std::size_t default_max_bytes) {
  SourceLocation location;
  location.url = keys.required_string("url");
  if (location.url.rfind("https://", 0) != 0 && location.url.rfind("file://", 0) != 0) {
    keys.fail("url", "expected an https:// or file:// URL");
  }
  location.ca_file = keys.string("ca_file").value_or(global.threatconnect.ca_file);
  read_client_identity(keys, location);
  location.max_bytes = static_cast<std::size_t>(
      keys.integer("max_bytes", 1, std::int64_t{1} << 34).value_or(static_cast<std::int64_t>(default_max_bytes)));
  location.fetch_timeout = keys.duration("fetch_timeout").value_or(location.fetch_timeout);
  if (location.fetch_timeout <= Duration::zero()) keys.fail("fetch_timeout", "must be longer than 0s");
  location.fetch_min_rate = static_cast<std::size_t>(keys.integer("fetch_min_rate", 0, std::int64_t{1} << 40)
                                                         .value_or(static_cast<std::int64_t>(location.fetch_min_rate)));
  location.fetch_min_rate_window = keys.duration("fetch_min_rate_window").value_or(location.fetch_min_rate_window);
  if (location.fetch_min_rate_window < std::chrono::seconds(1)) {
    keys.fail("fetch_min_rate_window", "must be at least 1s");
  }
  return location;
}

std::vector<config::KeySpec> source_access_keys(const std::optional<AuthKeyConvention>& auth_key) {
  std::vector<config::KeySpec> keys;
  if (auth_key) {
    const std::string how = auth_key->auth == SourceAccess::Auth::Query ? " query parameter" : " header";
    keys = {
        {"auth_key_file", "secret", "",
         "the " + auth_key->vendor + " key, sent as the " + auth_key->name + how +
             " (or auth_key_env / auth_key_credential); auth_header or auth_query with auth_secret_* send it "
             "another way",
         false},
        {"auth_key_env", "secret", "", "see auth_key_file", false},
        {"auth_key_credential", "secret", "", "see auth_key_file", false},
    };
  }
  const std::vector<config::KeySpec> general = {
      {"auth_header", "string", "", "send the secret in this request header, e.g. X-OTX-API-KEY", false},
      {"auth_query", "string", "", "send the secret as this query parameter, e.g. auth-key", false},
      {"auth_bearer", "bool", config::bool_text(kAuthBearerDefault), "send the secret as Authorization: Bearer", false},
      {"auth_basic_user", "string", "", "send Authorization: Basic with this user name and the secret as password",
       false},
      {"auth_secret_file", "secret", "",
       "the credential (or auth_secret_env / auth_secret_credential); sent to https:// sources only, never to a "
       "file:// one",
       false},
      {"auth_secret_env", "secret", "", "see auth_secret_file", false},
      {"auth_secret_credential", "secret", "", "see auth_secret_file", false},
      {"proxy", "url", "(threatconnect.proxy)", "HTTP CONNECT proxy for this source: http://[user@]host:port", false},
      {"proxy_password_file", "secret", "", "the proxy user's password (or proxy_password_env / _credential)", false},
      {"proxy_password_env", "secret", "", "see proxy_password_file", false},
      {"proxy_password_credential", "secret", "", "see proxy_password_file", false},
      {"no_proxy", "list", "(threatconnect.no_proxy)", "hosts and domain suffixes reached without the proxy", false},
  };
  keys.insert(keys.end(), general.begin(), general.end());
  return keys;
}

namespace {

void read_auth(config::MapReader& keys, const std::optional<AuthKeyConvention>& auth_key, SourceAccess& access) {
  int schemes = 0;
  if (auto name = keys.string("auth_header")) {
    access.auth = SourceAccess::Auth::Header;
    access.auth_name = *name;
    ++schemes;
  }
  if (auto name = keys.string("auth_query")) {
    access.auth = SourceAccess::Auth::Query;
    access.auth_name = *name;
    ++schemes;
  }
  if (keys.boolean("auth_bearer").value_or(kAuthBearerDefault)) {
    access.auth = SourceAccess::Auth::Bearer;
    ++schemes;
  }
  if (auto user = keys.string("auth_basic_user")) {
    access.auth = SourceAccess::Auth::Basic;
    access.auth_name = *user;
    ++schemes;
  }
  if (schemes > 1) keys.fail_here("give one of auth_header, auth_query, auth_bearer, auth_basic_user");
  access.secret = keys.secret("auth_secret");
  if (auth_key) {
    if (auto key = keys.secret("auth_key")) {
      if (schemes > 0 || access.secret) {
        keys.fail("auth_key", "give either auth_key_* (the " + auth_key->vendor +
                                  " key) or auth_header / auth_query / auth_bearer / auth_basic_user with "
                                  "auth_secret_*, not both");
      }
      access.auth = auth_key->auth;
      access.auth_name = auth_key->name;
      access.secret = std::move(key);
      return;
    }
  }
  if (schemes == 1 && !access.secret) {
    keys.fail("auth_secret",
              "is required with auth_*: give auth_secret_file, auth_secret_env or auth_secret_credential");
  }
  if (schemes == 0 && access.secret)
    keys.fail("auth_secret", "says nothing without auth_header, auth_query, auth_bearer or auth_basic_user");
}

void read_proxy(config::MapReader& keys, const config::Config& global, SourceAccess& access) {
  std::string proxy = keys.string("proxy").value_or(global.threatconnect.proxy);
  if (!proxy.empty()) {
    try {
      access.proxy = net::parse_proxy_url(proxy);
    } catch (const std::invalid_argument& invalid) {
      keys.fail("proxy", std::string("expected http://[user@]host:port: ") + invalid.what());
    }
    if (keys.has("proxy")) {
      access.proxy_password = keys.secret("proxy_password");
    } else {
      keys.secret("proxy_password");
      access.proxy_password = global.threatconnect.proxy_password_ref;
    }
  }
  access.no_proxy = keys.has("no_proxy") ? keys.string_list("no_proxy") : global.threatconnect.no_proxy;
}

}  // namespace

SourceAccess read_source_access(config::MapReader& keys, const config::Config& global,
                                const std::optional<AuthKeyConvention>& auth_key) {
  SourceAccess access;
  read_auth(keys, auth_key, access);
  read_proxy(keys, global, access);
  return access;
}

void SourceAccess::apply(FetchRequest& request) const {
  // Credentials go over TLS only, and a file:// source has no server to receive them.
  if (request.url.rfind("https://", 0) != 0) return;
  const auto reveal = [](const std::optional<SecretRef>& ref) {
    try {
      return read_secret(*ref);
    } catch (const SecretError& error) {
      throw SourceError(error.what());
    }
  };
  if (auth != Auth::None) {
    const Secret value = reveal(secret);
    switch (auth) {
      case Auth::Header: request.headers.push_back({auth_name, std::string(value.reveal())}); break;
      case Auth::Bearer: request.headers.push_back({"Authorization", "Bearer " + std::string(value.reveal())}); break;
      case Auth::Basic:
        request.headers.push_back({"Authorization", "Basic " + base64(auth_name + ":" + std::string(value.reveal()))});
        break;
      case Auth::Query: {
        // Appended after a fragment the parameter would be part of it, and fragments are never
        // sent: the fragment goes.
        if (const auto fragment = request.url.find('#'); fragment != std::string::npos) request.url.erase(fragment);
        request.url += (request.url.find('?') == std::string::npos ? "?" : "&") + percent_encode_component(auth_name) +
                       "=" + percent_encode_component(value.reveal());
        break;
      }
      case Auth::None: break;
    }
  }
  if (proxy) {
    request.proxy = proxy;
    if (proxy_password) request.proxy->password = reveal(proxy_password);
  }
  request.no_proxy = no_proxy;
}

}  // namespace tcfeed::pipeline
