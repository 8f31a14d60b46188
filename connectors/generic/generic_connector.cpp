#include "connectors/generic/generic_connector.hpp"

#include <algorithm>
#include <string>

#include "connectors/record_id.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::generic {
namespace {

class GenericConnector final : public pipeline::Connector {
 public:
  GenericConnector(GenericSettings settings, ReadFn read) : settings_(std::move(settings)), read_(std::move(read)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);

    GenericMapOptions options = settings_.map;
    const std::int64_t after = settings_.map.incremental ? parse_id(previous.position).value_or(0) : 0;
    options.after_id = after;
    GenericMapper mapper(std::move(options));
    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    const ReadResult read = read_(*source, mapper, sink);
    return {fetched.cursor(settings_.map.incremental ? std::to_string(std::max(after, read.max_id)) : std::string()),
            false, read.records, /*full_list=*/full_list()};
  }
  bool full_list() const override { return !settings_.map.incremental; }

 private:
  GenericSettings settings_;
  ReadFn read_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_generic_connector(GenericSettings settings, ReadFn read) {
  return std::make_unique<GenericConnector>(std::move(settings), std::move(read));
}

}  // namespace tcfeed::connectors::generic
