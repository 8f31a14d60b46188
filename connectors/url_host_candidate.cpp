#include "connectors/url_host_candidate.hpp"

#include "lib/indicators/text.hpp"
#include "lib/indicators/url_host.hpp"

namespace tcfeed::connectors {
namespace {

bool is_ipv4_form(std::string_view host) {
  if (host.empty()) return false;
  for (const char c : host) {
    if (!indicators::text::is_digit(c) && c != '.') return false;
  }
  return true;
}

}  // namespace

std::optional<HostCandidate> url_host_candidate(std::string_view url) {
  const std::string_view host = indicators::url_host(url);
  if (host.empty()) return std::nullopt;
  // IPv6 hosts only ever appear bracketed, so url_host's answer for one contains ':'.
  const bool address = is_ipv4_form(host) || host.find(':') != std::string_view::npos;
  return HostCandidate{address ? indicators::IndicatorType::Address : indicators::IndicatorType::Host, host};
}

}  // namespace tcfeed::connectors
