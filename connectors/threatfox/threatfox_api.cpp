#include "connectors/threatfox/threatfox_api.hpp"

#include <boost/url/parse.hpp>

namespace tcfeed::connectors::threatfox {

bool is_api_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0) return false;
  const auto parsed = boost::urls::parse_uri(url);
  return parsed && std::string_view(parsed->encoded_path()).find("/api/") != std::string_view::npos;
}

void make_get_iocs(pipeline::FetchRequest& request, int days) {
  request.method = "POST";
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = R"({"query":"get_iocs","days":)" + std::to_string(days) + "}";
  request.etag.clear();
  request.last_modified.clear();
}

}  // namespace tcfeed::connectors::threatfox
