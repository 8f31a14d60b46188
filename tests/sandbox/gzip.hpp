#pragma once
// gzip for GET /v2/batch/{id}/errors, which the platform answers compressed (docs/threatconnect.md, Job errors).
#include <string>
#include <string_view>

namespace tcfeed::sandbox {

std::string gzip_compress(std::string_view data);

}  // namespace tcfeed::sandbox
