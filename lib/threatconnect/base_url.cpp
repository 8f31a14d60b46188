#include "lib/threatconnect/base_url.hpp"

#include <boost/url/parse.hpp>

namespace tcfeed::threatconnect {

std::optional<BaseUrl> BaseUrl::parse(std::string_view text, std::string& error) {
  const auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) {
    error = "expected an absolute URL like https://companyabc.threatconnect.com/api";
    return std::nullopt;
  }
  const auto& url = *parsed;
  if (url.scheme() != "https") {
    error = "must use https:// (ThreatConnect refuses plain HTTP and credentials must not travel in clear)";
    return std::nullopt;
  }
  if (url.has_userinfo() || url.has_query() || url.has_fragment()) {
    error = "must be only scheme, host, optional port and path, like https://companyabc.threatconnect.com/api";
    return std::nullopt;
  }
  if (url.encoded_host().empty()) {
    error = "has no host";
    return std::nullopt;
  }
  BaseUrl base;
  base.host = std::string(url.host_type() == boost::urls::host_type::ipv6 ? std::string_view(url.encoded_host_address())
                                                                          : std::string_view(url.encoded_host()));
  if (url.has_port()) {
    const auto port = url.port_number();
    if (port == 0) {
      error = "has an invalid port";
      return std::nullopt;
    }
    base.port = port;
  }
  std::string path(url.encoded_path());
  if (!path.empty() && path.back() == '/') path.pop_back();
  base.path_prefix = std::move(path);
  return base;
}

}  // namespace tcfeed::threatconnect
