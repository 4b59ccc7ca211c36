#pragma once

#include <string>

namespace loadstar::server {

// "Date: Wed, 25 Nov 2026 12:32:20 GMT\r\n" for the current second, formatted once a
// second per thread (the returned reference is the calling thread's and stays valid
// until its next call in a later second).
const std::string& dateHeaderLine();

}  // namespace loadstar::server
