// What earlier scans found, keyed by path + modification time + size, so an unchanged
// plugin is never probed (or loaded) twice. A JSON file; unreadable = empty.
// Verdicts about a plugin (it loaded, it crashed) are kept; a verdict that may be about the
// machine (a timeout, a probe that could not run) is tried again on the next scans, and kept
// only once it has repeated `attemptsBeforeKeepingTransientVerdicts` times.
#pragma once

#include "PluginPaths.h"
#include "loophole/ipc/events_generated.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace loophole::signal {

struct FileFingerprint
{
    int64_t modified = 0; // ms since epoch, the newest file in a bundle
    int64_t size = 0;     // bytes, summed over a bundle
    bool operator==(const FileFingerprint&) const = default;
};

/// A bundle directory is fingerprinted over every file inside it.
FileFingerprint fingerprintOf(const std::string& path);

std::string defaultCacheFile(); // ~/.cache/loophole/plugin-cache.json

class ScanCache
{
public:
    explicit ScanCache(std::string file);

    /// The plugins found last time, if the file has not changed since.
    std::optional<std::vector<ipc::PluginDescriptionT>> find(const ScanCandidate& candidate, const FileFingerprint& now) const;
    void store(const ScanCandidate& candidate, const FileFingerprint& now, const std::vector<ipc::PluginDescriptionT>& plugins,
               bool worthRetrying = false);
    static constexpr int attemptsBeforeKeepingTransientVerdicts = 3;
    bool save(std::string& error) const;
    /// Every plugin in the cache, whether or not its file still exists.
    std::vector<ipc::PluginDescriptionT> all() const;

private:
    struct Entry
    {
        FileFingerprint fingerprint;
        std::vector<ipc::PluginDescriptionT> plugins;
        int transientFailures = 0; // consecutive scans that ended in a verdict worth retrying
    };
    static std::string keyOf(const ScanCandidate& candidate);

    std::string file_;
    std::map<std::string, Entry> entries_;
};

} // namespace loophole::signal
