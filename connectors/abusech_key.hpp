#pragma once
// abuse.ch's key (docs/feeds.md, abuse.ch keys): required since June 2025, sent as an
// `Auth-Key` header to the APIs and as an `auth-key` query parameter to the file exports the
// URLhaus page documents. The abuse.ch connectors take it as auth_key_file / _env / _credential.
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors {

inline pipeline::AuthKeyConvention abusech_key_header() {
  return {pipeline::SourceAccess::Auth::Header, "Auth-Key", "abuse.ch"};
}

inline pipeline::AuthKeyConvention abusech_key_query() {
  return {pipeline::SourceAccess::Auth::Query, "auth-key", "abuse.ch"};
}

}  // namespace tcfeed::connectors
