#include "connectors/generic/generic_connector.hpp"

#include <algorithm>
#include <string>

#include "lib/pipeline/decompress.hpp"
#include "lib/pipeline/source_fetch.hpp"

namespace tcfeed::connectors::generic {
namespace {

class GenericConnector final : public pipeline::Connector {
public:
  GenericConnector(GenericSettings settings, ReadFn read) : settings_(std::move(settings)), read_(std::move(read)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchRequest request;
    request.url = settings_.url;
    request.etag = previous.etag;
    request.last_modified = previous.last_modified;
    request.ca_file = settings_.ca_file;
    request.max_bytes = settings_.max_bytes;
    settings_.access.apply(request);
    pipeline::FetchedStream fetched = pipeline::fetch_stream(request);

    pipeline::PollResult result;
    result.next = previous;
    if (fetched.not_modified) {
      result.not_modified = true;
      return result;
    }
    GenericMapOptions options = settings_.map;
    const std::int64_t after = settings_.map.incremental ? parse_id(previous.position).value_or(0) : 0;
    options.after_id = after;
    GenericMapper mapper(std::move(options));
    auto source = pipeline::maybe_decompress(std::move(fetched.body));
    const ReadResult read = read_(*source, mapper, sink);
    result.records = read.records;
    result.next.position = settings_.map.incremental ? std::to_string(std::max(after, read.max_id)) : std::string();
    result.next.etag = fetched.etag;
    result.next.last_modified = fetched.last_modified;
    return result;
  }

private:
  GenericSettings settings_;
  ReadFn read_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_generic_connector(GenericSettings settings, ReadFn read) {
  return std::make_unique<GenericConnector>(std::move(settings), std::move(read));
}

}  // namespace tcfeed::connectors::generic
