#include "connectors/openphish/openphish_reader.hpp"

#include "connectors/line_reader.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::openphish {

ReadResult read_openphish(std::unique_ptr<pipeline::ByteSource> source, const OpenphishMapOptions& options,
                          pipeline::CandidateSink& sink) {
  ReadResult result;
  OpenphishMapper mapper(options);
  LineOptions lines;
  lines.max_line_bytes = kMaxLineBytes;
  read_lines(*source, lines, [&](const Line& line) {
    if (line.oversized) {
      ++result.records;
      sink.unmapped(pipeline::Unmapped::Oversized);
      return;
    }
    const std::string_view value = indicators::text::trim(line.text);
    if (value.empty() || value.front() == '#') return;
    ++result.records;
    if (!line.terminated) {
      // "https://evil.example/login.ph" of a cut ".php" is a URL, and the wrong one.
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    mapper.map(value, sink);
  });
  return result;
}

}  // namespace tcfeed::connectors::openphish
