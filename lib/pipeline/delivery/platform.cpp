#include "lib/pipeline/delivery/platform.hpp"

#include "lib/config/config_error.hpp"
#include "lib/net/proxy.hpp"

namespace tcfeed::pipeline {

std::unique_ptr<threatconnect::ApiClient> connect_platform(const config::Config& config) {
  std::string error;
  auto base = threatconnect::BaseUrl::parse(config.threatconnect.base_url, error);
  if (!base) throw config::ConfigError(config.file + ": threatconnect.base_url: " + error);
  threatconnect::Credentials credentials{config.threatconnect.access_id, config.threatconnect.secret_key,
                                         config.threatconnect.api_token};
  net::ClientOptions transport;
  transport.ca_file = config.threatconnect.ca_file;
  if (!config.threatconnect.proxy.empty()) {
    transport.proxy = net::parse_proxy_url(config.threatconnect.proxy);
    transport.proxy->password = config.threatconnect.proxy_password;
    transport.no_proxy = config.threatconnect.no_proxy;
  }
  return std::make_unique<threatconnect::ApiClient>(std::move(*base), std::move(credentials), transport);
}

}  // namespace tcfeed::pipeline
