#include "ScanCache.h"

#include "catalogue/CatalogueJson.h"

#include <juce_core/juce_core.h>

namespace loophole::signal {

FileFingerprint fingerprintOf(const std::string& path)
{
    const juce::File file(path);
    FileFingerprint fp;
    auto add = [&fp](const juce::File& f) {
        fp.modified = std::max<int64_t>(fp.modified, f.getLastModificationTime().toMilliseconds());
        fp.size += f.getSize();
    };
    add(file);
    if (file.isDirectory())
        for (const auto& f : file.findChildFiles(juce::File::findFiles, true))
            add(f);
    return fp;
}

std::string defaultCacheFile()
{
    return juce::File::getSpecialLocation(juce::File::userHomeDirectory)
        .getChildFile(".cache/loophole/plugin-cache.json").getFullPathName().toStdString();
}

ScanCache::ScanCache(std::string file) : file_(std::move(file))
{
    const auto json = juce::JSON::parse(juce::File(file_).loadFileAsString());
    if (static_cast<int>(json.getProperty("version", 0)) != 1)
        return;
    if (auto* entries = json.getProperty("entries", {}).getArray())
        for (const auto& e : *entries)
        {
            Entry entry;
            entry.fingerprint.modified = static_cast<juce::int64>(e.getProperty("mtime", 0));
            entry.fingerprint.size = static_cast<juce::int64>(e.getProperty("size", 0));
            entry.plugins = pluginsFromJson(e.getProperty("plugins", {}));
            entry.transientFailures = static_cast<int>(e.getProperty("transientFailures", 0));
            entries_[e.getProperty("key", "").toString().toStdString()] = std::move(entry);
        }
}

std::string ScanCache::keyOf(const ScanCandidate& candidate)
{
    return formatName(candidate.format) + ":" + candidate.path;
}

std::optional<std::vector<ipc::PluginDescriptionT>> ScanCache::find(const ScanCandidate& candidate, const FileFingerprint& now) const
{
    const auto it = entries_.find(keyOf(candidate));
    if (it == entries_.end() || ! (it->second.fingerprint == now))
        return std::nullopt;
    const int failures = it->second.transientFailures;
    if (failures > 0 && failures < attemptsBeforeKeepingTransientVerdicts)
        return std::nullopt;
    return it->second.plugins;
}

void ScanCache::store(const ScanCandidate& candidate, const FileFingerprint& now, const std::vector<ipc::PluginDescriptionT>& plugins,
                      bool worthRetrying)
{
    auto& entry = entries_[keyOf(candidate)];
    const bool sameFile = entry.fingerprint == now;
    entry.transientFailures = worthRetrying ? (sameFile ? entry.transientFailures : 0) + 1 : 0;
    entry.fingerprint = now;
    entry.plugins = plugins;
}

std::vector<ipc::PluginDescriptionT> ScanCache::all() const
{
    std::vector<ipc::PluginDescriptionT> result;
    for (const auto& [key, entry] : entries_)
        result.insert(result.end(), entry.plugins.begin(), entry.plugins.end());
    return result;
}

bool ScanCache::save(std::string& error) const
{
    juce::Array<juce::var> entries;
    for (const auto& [key, entry] : entries_)
    {
        auto* o = new juce::DynamicObject();
        o->setProperty("key", juce::String(key));
        o->setProperty("mtime", static_cast<juce::int64>(entry.fingerprint.modified));
        o->setProperty("size", static_cast<juce::int64>(entry.fingerprint.size));
        o->setProperty("plugins", toJson(entry.plugins));
        if (entry.transientFailures > 0)
            o->setProperty("transientFailures", entry.transientFailures);
        entries.add(juce::var(o));
    }
    auto* root = new juce::DynamicObject();
    root->setProperty("version", 1);
    root->setProperty("entries", entries);
    const juce::File file(file_);
    if (! file.getParentDirectory().createDirectory())
    {
        error = "cannot create " + file.getParentDirectory().getFullPathName().toStdString();
        return false;
    }
    // Written beside and renamed over, so a crash mid-write never leaves half a cache.
    const juce::File temp = file.getSiblingFile(file.getFileName() + ".tmp");
    if (! temp.replaceWithText(juce::JSON::toString(juce::var(root), true)) || ! temp.moveFileTo(file))
    {
        error = "cannot write the plugin cache " + file_;
        return false;
    }
    return true;
}

} // namespace loophole::signal
