#include "tests/sandbox/multipart.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

TEST(SandboxMultipart, Boundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/json"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
}

TEST(SandboxMultipart, PartsAsRequestsSendsThem) {
  const std::string body =
      "--xyz\r\nContent-Disposition: form-data; name=\"config\"; filename=\"config\"\r\n\r\n"
      "{\"owner\":\"A\"}\r\n"
      "--xyz\r\nContent-Disposition: form-data; name=\"content\"; filename=\"content\"\r\n"
      "Content-Type: application/json\r\n\r\n{\"indicator\":[]}\r\n--xyz--\r\n";
  const auto parts = parse_multipart(body, "xyz");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "config");
  EXPECT_EQ((*parts)[0].filename, "config");
  EXPECT_EQ((*parts)[0].body, "{\"owner\":\"A\"}");
  EXPECT_EQ((*parts)[1].name, "content");
  EXPECT_EQ((*parts)[1].content_type, "application/json");
  EXPECT_EQ((*parts)[1].body, "{\"indicator\":[]}");
}

TEST(SandboxMultipart, BodyKeepsCrLfAndDashes) {
  const std::string body =
      "preamble\r\n--b\r\nContent-Disposition: form-data; name=x\r\n\r\nline1\r\n--bb\r\n\r\n--b--";
  const auto parts = parse_multipart(body, "b");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "x");
  EXPECT_EQ((*parts)[0].body, "line1\r\n--bb\r\n");
}

TEST(SandboxMultipart, BrokenFraming) {
  EXPECT_FALSE(parse_multipart("no delimiter here", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nunterminated", "b"));
  const auto empty_headers = parse_multipart("--b\r\n\r\nbody\r\n--b--", "b");
  ASSERT_TRUE(empty_headers);
  EXPECT_EQ((*empty_headers)[0].body, "body");
}

}  // namespace
}  // namespace tcfeed::sandbox
