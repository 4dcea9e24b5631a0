#include "PluginScanner.h"

#include "PluginPaths.h"
#include "ProbeProcess.h"
#include "ScanCache.h"
#include "catalogue/CatalogueJson.h"

#include <juce_core/juce_core.h>

#include <cstdlib>

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

    for (size_t i = 0; i < candidates.size(); ++i)
    {
        const auto& candidate = candidates[i];
        const auto fingerprint = fingerprintOf(candidate.path);
        std::vector<ipc::PluginDescriptionT> found;
        std::string detail = candidate.path;
        if (auto hit = options.rescanAll ? std::nullopt : cache.find(candidate, fingerprint))
        {
            found = std::move(*hit);
            ++report.cached;
        }
        else
        {
            auto outcome = probeInChild(probe, candidate, options.timeoutSeconds);
            ++report.probed;
            if (outcome.blocked)
            {
                ipc::PluginDescriptionT entry;
                entry.uid = candidate.path; // nothing better is known about it
                entry.format = candidate.format;
                entry.name = juce::File(candidate.path).getFileNameWithoutExtension().toStdString();
                entry.path = candidate.path;
                entry.blocked = true;
                entry.blocked_reason = outcome.reason;
                found.push_back(std::move(entry));
                detail += " blocked: " + outcome.reason;
            }
            else
                found = std::move(outcome.plugins);
            cache.store(candidate, fingerprint, found);
        }
        for (auto& plugin : found)
            report.catalogue.plugins.push_back(std::make_unique<ipc::PluginDescriptionT>(std::move(plugin)));
        if (progress)
            progress(static_cast<double>(i + 1) / static_cast<double>(candidates.size()), detail);
    }
    if (report.probed > 0)
        cache.save(report.warning);
    return report;
}

} // namespace loophole::signal
