#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// `loadstar serve PROJECT [--host H] [--port N]`: serves the design until SIGTERM or
// SIGINT. The first line on `out` is exactly "listening on http://HOST:PORT" (flushed),
// which is what engine/server/server_process.h waits for. Exit 0 after a graceful
// stop; 2 (with the reason on `err`) when the project is unreadable or the address
// cannot be bound.
int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace loadstar::cli
