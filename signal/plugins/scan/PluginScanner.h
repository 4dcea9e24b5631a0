// A crash-safe plugin scan: find candidates, reuse cached results for unchanged files,
// probe the rest each in its own child process with a timeout, and record the ones that
// crash or hang as blocked (with the reason) while the scan carries on.
#pragma once

#include "loophole/ipc/events_generated.h"

#include <functional>
#include <string>
#include <vector>

namespace loophole::signal {

struct ScanOptions
{
    std::vector<std::string> paths; // empty = the standard folders
    bool rescanAll = false;         // ignore the cache
    std::string cacheFile;          // empty = defaultCacheFile()
    double timeoutSeconds = 10.0;
    std::string probeExecutable;    // empty = probeExecutablePath()
    int parallelProbes = 2;         // child processes probing at once
};

struct ScanReport
{
    ipc::PluginCatalogueT catalogue;
    int probed = 0, cached = 0;
    std::string warning; // e.g. a path that does not exist, a cache that could not be written
};

/// Called once per candidate: fraction done (0..1) and what was just looked at. Calls may
/// come from scan worker threads, but never two at once.
using ScanProgress = std::function<void(double done, const std::string& detail)>;

ScanReport scanPlugins(const ScanOptions& options, const ScanProgress& progress);

/// The loophole-plugin-scan executable: $LOOPHOLE_PLUGIN_SCAN, beside this executable, or
/// where the build put it.
std::string probeExecutablePath();

} // namespace loophole::signal
