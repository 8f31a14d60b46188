#include "lib/pipeline/connector/public_cadence.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace tcfeed::pipeline {
namespace {

std::string configured_host(const config::ConnectorConfig& connector) {
  const YAML::Node url = connector.node["url"];
  if (!url.IsScalar()) return {};
  const auto parsed = boost::urls::parse_uri(url.Scalar());
  if (!parsed) return {};
  std::string host(parsed->encoded_host());
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!host.empty() && host.back() == '.') host.pop_back();  // the fully qualified form is the same host
  return host;
}

}  // namespace

std::optional<std::string> clamp_to_public_cadence(config::ConnectorConfig& connector, const PublicCadence& cadence,
                                                   const std::string& file) {
  if (cadence.min_every.count() <= 0 || connector.schedule.every >= cadence.min_every) return std::nullopt;
  const std::string host = configured_host(connector);
  if (std::find(cadence.hosts.begin(), cadence.hosts.end(), host) == cadence.hosts.end()) return std::nullopt;

  const YAML::Node every = connector.node["schedule"]["every"];
  std::string where = file;
  if (every.IsDefined() && every.Mark().line >= 0) where += ":" + std::to_string(every.Mark().line + 1);
  const std::string asked = format_duration(connector.schedule.every);
  const std::string minimum = format_duration(std::chrono::duration_cast<Duration>(cadence.min_every));
  connector.schedule.every = cadence.min_every;
  return where + ": " + connector.yaml_path + ".schedule.every: " + asked + " is more often than " + host +
         " documents (at most every " + minimum + "): polling every " + minimum + " instead";
}

}  // namespace tcfeed::pipeline
