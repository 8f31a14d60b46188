#pragma once
// What a log line may carry. Messages quote feed data (a source's error text, a record's field),
// so a byte that moves the terminal or starts a new line would let a feed forge log lines or
// rewrite what an operator sees. Every log format writes its message through this, in one place:
// the logger's formatter (lib/core/log.cpp), never at each call site.
#include <string>
#include <string_view>

namespace tcfeed {

// Appends `text` with these made visible, so one message is always one line of plain text:
// - line breaks and tabs as \n, \r, \t; other C0 controls and DEL as \xNN (ESC is \x1b, NUL \x00);
// - C1 controls (U+0080..U+009F), the Unicode line and paragraph separators and the bidirectional
//   embedding, override and isolate controls as \uXXXX;
// - a byte that is not part of valid UTF-8 as \xNN.
// Everything else, backslashes included, is copied as it is.
void append_log_escaped(std::string& out, std::string_view text);

std::string log_escaped(std::string_view text);

}  // namespace tcfeed
