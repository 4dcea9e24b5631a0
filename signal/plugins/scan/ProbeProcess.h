// Probes one plugin file in a short-lived child process, so a plugin that crashes or hangs
// while loading takes only that child down. The child is the scanner executable in
// `--probe FORMAT PATH --out FILE` mode; it writes what it found as JSON to FILE.
#pragma once

#include "PluginPaths.h"
#include "loophole/ipc/events_generated.h"

#include <string>
#include <vector>

namespace loophole::signal {

struct ProbeOutcome
{
    std::vector<ipc::PluginDescriptionT> plugins; // what loaded, when it did
    bool blocked = false;
    std::string reason;                           // "crashed: SIGSEGV", "timed out after 10 s", ...
    /// A timeout or a probe that could not run says more about the machine at that moment
    /// than about the plugin, so the scanner tries such a plugin again next time.
    bool worthRetrying = false;
};

ProbeOutcome probeInChild(const std::string& probeExecutable, const ScanCandidate& candidate, double timeoutSeconds);

/// The child side: loads the candidate in this process and writes its JSON to `outFile`.
/// Returns the process exit code.
int runProbe(const ScanCandidate& candidate, const std::string& outFile);

} // namespace loophole::signal
