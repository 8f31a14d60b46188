// The header rules of GET /exports/NAME: which Accept-Encoding values take gzip, which
// If-None-Match values match (docs/exports.md, Serving).
#include "daemon/exports_endpoint.hpp"

#include <gtest/gtest.h>

namespace tcfeed::daemon {
namespace {

TEST(ExportsEndpoint, AcceptsGzipUnlessRefused) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, gzip;q=0.5"));
  EXPECT_TRUE(accepts_gzip(" br , GZIP"));  // content codings ignore case
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(ExportsEndpoint, MatchesEtagsWeakOrStrongInAList) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches(" * ", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abcd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("abc", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(ExportsEndpoint, BearerAuthWantsTheExactToken) {
  config::ExportAuth auth;
  EXPECT_TRUE(authorized(auth, std::nullopt));
  auth.kind = config::ExportAuth::Kind::Bearer;
  auth.secret = Secret("t0ken");
  EXPECT_TRUE(authorized(auth, "Bearer t0ken"));
  EXPECT_TRUE(authorized(auth, "bearer  t0ken "));
  EXPECT_FALSE(authorized(auth, std::nullopt));
  EXPECT_FALSE(authorized(auth, "Bearer t0ke"));
  EXPECT_FALSE(authorized(auth, "Bearer t0ken2"));
  EXPECT_FALSE(authorized(auth, "Basic t0ken"));
  EXPECT_FALSE(authorized(auth, "Bearer "));
}

TEST(ExportsEndpoint, BasicAuthWantsUserAndPassword) {
  config::ExportAuth auth;
  auth.kind = config::ExportAuth::Kind::Basic;
  auth.user = "pan";
  auth.secret = Secret("pw");
  EXPECT_TRUE(authorized(auth, "Basic cGFuOnB3"));       // pan:pw
  EXPECT_FALSE(authorized(auth, "Basic cGFuOnB4"));      // pan:px
  EXPECT_FALSE(authorized(auth, "Basic cGFuOnB3eA=="));  // pan:pwx
  EXPECT_FALSE(authorized(auth, "Basic cGFu"));          // pan
  EXPECT_FALSE(authorized(auth, "Basic !!!!"));
  EXPECT_FALSE(authorized(auth, "Bearer pw"));
}

}  // namespace
}  // namespace tcfeed::daemon
