// Where the server listens, and making that place safe: a private directory (0700)
// holding a socket only its owner may connect to (0600).
#pragma once

#include <string>

namespace loophole::signal {

/// $XDG_RUNTIME_DIR/loophole/signal.sock, else /tmp/loophole-$UID/signal.sock.
std::string defaultSocketPath();

/// Binds and listens on `path`, creating its directory 0700 and the socket 0600.
/// A stale socket left by a dead server is replaced; a live one is an error.
/// Returns the listening fd, or -1 with `error` set.
int listenOnUnixSocket(const std::string& path, std::string& error);

} // namespace loophole::signal
