#include "PluginScanner.h"

#include "PluginPaths.h"
#include "ProbeProcess.h"
#include "ScanCache.h"
#include "catalogue/CatalogueJson.h"

#include <juce_core/juce_core.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace loophole::signal {

std::string probeExecutablePath()
{
    if (const char* env = std::getenv("LOOPHOLE_PLUGIN_SCAN"); env != nullptr && *env != '\0')
        return env;
    const auto beside = juce::File::getSpecialLocation(juce::File::currentExecutableFile)
                            .getSiblingFile("loophole-plugin-scan");
    if (beside.existsAsFile())
        return beside.getFullPathName().toStdString();
    return LOOPHOLE_PLUGIN_SCAN_BUILT_AT;
}

ScanReport scanPlugins(const ScanOptions& options, const ScanProgress& progress)
{
    ScanReport report;
    ScanCache cache(options.cacheFile.empty() ? defaultCacheFile() : options.cacheFile);
    const auto probe = options.probeExecutable.empty() ? probeExecutablePath() : options.probeExecutable;
    const auto candidates = findCandidates(options.paths);
    for (const auto& path : options.paths)
        if (! juce::File::getCurrentWorkingDirectory().getChildFile(path).exists())
            report.warning += (report.warning.empty() ? "" : "; ") + std::string("no such file or folder: ") + path;

    struct Slot
    {
        FileFingerprint fingerprint;
        std::vector<ipc::PluginDescriptionT> found;
        bool cached = false;
        bool worthRetrying = false;
    };
    std::vector<Slot> slots(candidates.size());
    std::mutex progressMutex;
    size_t reported = 0;
    auto report1 = [&](const std::string& detail) {
        std::lock_guard lock(progressMutex);
        ++reported;
        if (progress)
            progress(static_cast<double>(reported) / static_cast<double>(candidates.size()), detail);
    };

    std::vector<size_t> misses;
    for (size_t i = 0; i < candidates.size(); ++i)
    {
        slots[i].fingerprint = fingerprintOf(candidates[i].path);
        if (auto hit = options.rescanAll ? std::nullopt : cache.find(candidates[i], slots[i].fingerprint))
        {
            slots[i].found = std::move(*hit);
            slots[i].cached = true;
            report1(candidates[i].path);
        }
        else
            misses.push_back(i);
    }

    // Each miss is probed in its own child process; a few children run at once.
    std::atomic<size_t> next { 0 };
    auto worker = [&] {
        for (size_t m = next++; m < misses.size(); m = next++)
        {
            const auto& candidate = candidates[misses[m]];
            auto& slot = slots[misses[m]];
            auto outcome = probeInChild(probe, candidate, options.timeoutSeconds);
            std::string detail = candidate.path;
            if (outcome.blocked)
            {
                ipc::PluginDescriptionT entry;
                entry.uid = candidate.path; // nothing better is known about it
                entry.format = candidate.format;
                entry.name = juce::File(candidate.path).getFileNameWithoutExtension().toStdString();
                entry.path = candidate.path;
                entry.blocked = true;
                entry.blocked_reason = outcome.reason;
                slot.found.push_back(std::move(entry));
                slot.worthRetrying = outcome.worthRetrying;
                detail += " blocked: " + outcome.reason;
            }
            else
                slot.found = std::move(outcome.plugins);
            report1(detail);
        }
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < std::max(1, options.parallelProbes) && static_cast<size_t>(t) < misses.size(); ++t)
        helpers.emplace_back(worker);
    worker();
    for (auto& helper : helpers)
        helper.join();

    for (size_t i = 0; i < candidates.size(); ++i)
    {
        if (slots[i].cached)
            ++report.cached;
        else
        {
            ++report.probed;
            cache.store(candidates[i], slots[i].fingerprint, slots[i].found, slots[i].worthRetrying);
        }
        for (auto& plugin : slots[i].found)
            report.catalogue.plugins.push_back(std::make_unique<ipc::PluginDescriptionT>(std::move(plugin)));
    }
    if (std::string error; report.probed > 0 && ! cache.save(error))
        report.warning += (report.warning.empty() ? "" : "; ") + error;
    return report;
}

} // namespace loophole::signal
