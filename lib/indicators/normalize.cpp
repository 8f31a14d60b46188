#include "lib/indicators/normalize.hpp"

#include "lib/indicators/address.hpp"
#include "lib/indicators/asn.hpp"
#include "lib/indicators/cidr.hpp"
#include "lib/indicators/email_address.hpp"
#include "lib/indicators/file_hash.hpp"
#include "lib/indicators/free_text.hpp"
#include "lib/indicators/host.hpp"
#include "lib/indicators/registry_key.hpp"
#include "lib/indicators/url.hpp"

namespace tcfeed::indicators {

Reject normalize(IndicatorType type, std::string_view raw, std::string& out) {
  switch (type) {
    case IndicatorType::Address: return normalize_address(raw, out);
    case IndicatorType::EmailAddress: return normalize_email_address(raw, out);
    case IndicatorType::File: return normalize_file_hash(raw, out);
    case IndicatorType::Host: return normalize_host(raw, out);
    case IndicatorType::URL: return normalize_url(raw, out);
    case IndicatorType::ASN: return normalize_asn(raw, out);
    case IndicatorType::CIDR: return normalize_cidr(raw, out);
    case IndicatorType::EmailSubject: return normalize_email_subject(raw, out);
    case IndicatorType::Hashtag: return normalize_hashtag(raw, out);
    case IndicatorType::Mutex: return normalize_mutex(raw, out);
    case IndicatorType::RegistryKey: return normalize_registry_key(raw, out);
    case IndicatorType::UserAgent: return normalize_user_agent(raw, out);
  }
  // A value cast from an out-of-range integer: refuse loudly rather than pass anything through.
  out.clear();
  return Reject::TypeOutOfRange;
}

}  // namespace tcfeed::indicators
