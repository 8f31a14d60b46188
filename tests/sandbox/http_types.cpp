#include "tests/sandbox/http_types.hpp"

#include "lib/core/json_writer.hpp"

namespace tcfeed::sandbox {

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

std::string_view Request::path() const {
  const std::string_view view(target);
  return view.substr(0, view.find('?'));
}

std::string_view Request::query() const {
  const std::string_view view(target);
  const auto mark = view.find('?');
  return mark == std::string_view::npos ? std::string_view() : view.substr(mark + 1);
}

namespace {

Response status_envelope(int status, std::string_view state, std::string_view key, std::string_view text) {
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("status").value(state).key(key).value(text).end_object();
  return json_response(status, std::move(body));
}

}  // namespace

Response failure(int status, std::string_view message) {
  return status_envelope(status, "Failure", "message", message);
}

Response invalid(int status, std::string_view description) {
  return status_envelope(status, "Invalid", "description", description);
}

Response v3_error(int status, std::string_view message) { return status_envelope(status, "Error", "message", message); }

Response json_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace tcfeed::sandbox
