// Where plugins live and which files are worth probing: each VST3 bundle, LV2 bundle,
// CLAP binary and LADSPA library found in the standard folders or in the given paths.
#pragma once

#include "loophole/ipc/graph_generated.h"

#include <string>
#include <vector>

namespace loophole::signal {

struct ScanCandidate
{
    ipc::PluginFormat format;
    std::string path;
};

/// The standard folders of one format (environment variables first, as each format specifies).
std::vector<std::string> standardFolders(ipc::PluginFormat format);

/// Every candidate in `paths` (files, bundles or folders searched recursively); empty
/// `paths` = every format's standard folders. Sorted, without duplicates.
std::vector<ScanCandidate> findCandidates(const std::vector<std::string>& paths);

} // namespace loophole::signal
