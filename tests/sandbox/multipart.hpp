#pragma once
// multipart/form-data (RFC 7578) as createAndUpload receives it (docs/threatconnect.md,
// createAndUpload): parts named by Content-Disposition, bodies kept byte for byte.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::sandbox {

struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string_view body;  // points into the request body
};

// The boundary parameter of a multipart Content-Type, unquoted; nothing if absent.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parts of `body`; nothing if the framing is broken (missing delimiter or closing delimiter).
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace tcfeed::sandbox
