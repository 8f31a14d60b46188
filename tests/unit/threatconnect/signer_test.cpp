// Known-answer vectors from docs/threatconnect.md (fictional credentials).
#include "lib/threatconnect/signer.hpp"

#include <gtest/gtest.h>

#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::threatconnect {
namespace {

constexpr const char* kAccessId = "12345678901234567890";
constexpr const char* kSecret = "EXAMPLEsecretKEY0123456789abcdefghijklmnopqrstuvwxyzABCDE";
constexpr std::int64_t kTimestamp = 1700000000;

TEST(Signer, Vector1GetWithPercentEncodedQuery) {
  EXPECT_EQ(hmac_authorization(kAccessId, kSecret,
                               "/api/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100",
                               "GET", kTimestamp),
            "TC 12345678901234567890:ZzmrNF92JI99gyc5TGwCj/kE5UN1HEGEL2fU4SZrNjw=");
}

TEST(Signer, Vector3PostWithoutQuery) {
  EXPECT_EQ(hmac_authorization(kAccessId, kSecret, "/api/v2/batch", "POST", kTimestamp),
            "TC 12345678901234567890:SOBkrtSMF9rhMeilplW3lU2zsTHAaEcR4qrOuCgDCi4=");
}

TEST(Signer, PlusAndPercent20SignDifferently) {
  const auto percent =
      hmac_authorization(kAccessId, kSecret, "/api/v2/owners?owner=Demo%20Organization", "GET", kTimestamp);
  const auto plus = hmac_authorization(kAccessId, kSecret, "/api/v2/owners?owner=Demo+Organization", "GET", kTimestamp);
  EXPECT_NE(percent, plus);
}

TEST(ApiClientSign, SignsTheTargetRelativeToTheBaseUrl) {
  std::string error;
  auto base = BaseUrl::parse("https://app.threatconnect.com/api", error);
  ASSERT_TRUE(base) << error;
  ApiClient api(*base, Credentials{kAccessId, Secret(kSecret), Secret()}, net::ClientOptions{});
  const auto headers =
      api.sign_at("GET", "/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100", kTimestamp);
  EXPECT_EQ(headers.request_target, "/api/v2/indicators/hosts?owner=Demo%20Organization&resultStart=0&resultLimit=100");
  EXPECT_EQ(headers.timestamp, "1700000000");
  EXPECT_EQ(headers.authorization, "TC 12345678901234567890:ZzmrNF92JI99gyc5TGwCj/kE5UN1HEGEL2fU4SZrNjw=");
}

TEST(ApiClientSign, TokenAuthSendsTheToken) {
  std::string error;
  auto base = BaseUrl::parse("https://tc.example/api", error);
  ASSERT_TRUE(base);
  ApiClient api(*base, Credentials{"", Secret(), Secret("APIV2:1:abc")}, net::ClientOptions{});
  EXPECT_EQ(api.sign_at("GET", "/v2/owners", kTimestamp).authorization, "TC-Token APIV2:1:abc");
}

TEST(UrlEncode, EncodesSpacesAsPercent20) {
  EXPECT_EQ(url_encode("Demo Organization"), "Demo%20Organization");
  EXPECT_EQ(url_encode("http://a.b/c?d=e"), "http%3A%2F%2Fa.b%2Fc%3Fd%3De");
}

}  // namespace
}  // namespace tcfeed::threatconnect
