#pragma once

// Private to engine/server. The session's class stays in session.cpp, the one
// translation unit of the server that includes Beast.

#include <memory>

#include "engine/server/net.h"
#include "engine/server/server.h"

namespace loadstar::server {

class Session;

// Serves one accepted connection until it closes; the session keeps itself alive
// through its pending operations and registers with `server` meanwhile.
void startSession(tcp::socket socket, Server::Impl& server);

// From any thread, posted to the session's executor: answer what has been received,
// then close (graceful stop) ...
void shutdownGracefully(const std::shared_ptr<Session>& session);
// ... or close at once (the stop's deadline has passed).
void closeNow(const std::shared_ptr<Session>& session);

}  // namespace loadstar::server
