// Plugins in tests of the real process: scanning one through the server, and finding the
// sandbox processes (loophole-plugin-host) the engine started for them.
#pragma once

#include "SignalClient.h"

#include "loophole/ipc/frame_generated.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace loophole::signal::testing {

/// The running loophole-plugin-host children of `parent`.
std::vector<pid_t> pluginHostsOf(pid_t parent);

/// The first plugin the server finds in the file at `path` (ScanPlugins), or nothing.
std::optional<ipc::PluginDescriptionT> scanPlugin(SignalClient& client, const std::string& path);

} // namespace loophole::signal::testing
