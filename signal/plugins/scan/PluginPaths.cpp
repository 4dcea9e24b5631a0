#include "PluginPaths.h"

#include <juce_core/juce_core.h>

#include <algorithm>
#include <cstdlib>

namespace loophole::signal {

namespace {

std::vector<std::string> fromEnvironment(const char* variable)
{
    std::vector<std::string> result;
    if (const char* value = std::getenv(variable); value != nullptr)
        for (const auto& part : juce::StringArray::fromTokens(value, ":", ""))
            if (part.isNotEmpty())
                result.push_back(part.toStdString());
    return result;
}

std::string home(const char* relative)
{
    return juce::File::getSpecialLocation(juce::File::userHomeDirectory).getChildFile(relative).getFullPathName().toStdString();
}

/// What a file or bundle found while searching is, by its name; None = not a candidate.
ipc::PluginFormat classify(const juce::File& file, ipc::PluginFormat folderFormat)
{
    const auto ext = file.getFileExtension().toLowerCase();
    if (ext == ".vst3") return ipc::PluginFormat::VST3;
    if (ext == ".lv2" && file.isDirectory())
    {
        // Specification bundles (atom.lv2, ...) declare no plugins: nothing to probe.
        const auto manifest = file.getChildFile("manifest.ttl").loadFileAsString();
        return manifest.contains("Plugin") ? ipc::PluginFormat::LV2 : ipc::PluginFormat::None;
    }
    if (ext == ".clap" && file.existsAsFile()) return ipc::PluginFormat::CLAP;
    if (ext == ".so" && file.existsAsFile() && (folderFormat == ipc::PluginFormat::LADSPA || folderFormat == ipc::PluginFormat::None))
        return ipc::PluginFormat::LADSPA;
    return ipc::PluginFormat::None;
}

void search(const juce::File& where, ipc::PluginFormat folderFormat, int depth, std::vector<ScanCandidate>& out)
{
    if (const auto format = classify(where, folderFormat); format != ipc::PluginFormat::None)
    {
        if (folderFormat == ipc::PluginFormat::None || folderFormat == format)
            out.push_back({ format, where.getFullPathName().toStdString() });
        return; // never look inside a bundle
    }
    if (! where.isDirectory() || depth > 6)
        return;
    for (const auto& child : where.findChildFiles(juce::File::findFilesAndDirectories, false))
        search(child, folderFormat, depth + 1, out);
}

} // namespace

std::vector<std::string> standardFolders(ipc::PluginFormat format)
{
    switch (format)
    {
        case ipc::PluginFormat::VST3: return { home(".vst3"), "/usr/lib/vst3", "/usr/local/lib/vst3" };
        case ipc::PluginFormat::LV2:
            if (auto env = fromEnvironment("LV2_PATH"); ! env.empty())
                return env;
            return { home(".lv2"), "/usr/lib/lv2", "/usr/local/lib/lv2" };
        case ipc::PluginFormat::CLAP:
        {
            std::vector<std::string> folders { home(".clap"), "/usr/lib/clap" };
            for (auto& extra : fromEnvironment("CLAP_PATH"))
                folders.push_back(extra);
            return folders;
        }
        case ipc::PluginFormat::LADSPA:
            if (auto env = fromEnvironment("LADSPA_PATH"); ! env.empty())
                return env;
            return { "/usr/lib/ladspa" };
        default: return {};
    }
}

std::vector<ScanCandidate> findCandidates(const std::vector<std::string>& paths)
{
    std::vector<ScanCandidate> out;
    if (paths.empty())
    {
        for (auto format : { ipc::PluginFormat::VST3, ipc::PluginFormat::LV2, ipc::PluginFormat::CLAP, ipc::PluginFormat::LADSPA })
            for (const auto& folder : standardFolders(format))
                search(juce::File(folder), format, 0, out);
    }
    else
    {
        for (const auto& path : paths)
            if (juce::File::isAbsolutePath(path))
                search(juce::File(path), ipc::PluginFormat::None, 0, out);
            else
                search(juce::File::getCurrentWorkingDirectory().getChildFile(path), ipc::PluginFormat::None, 0, out);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.path, a.format) < std::tie(b.path, b.format);
    });
    out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.path == b.path && a.format == b.format;
    }), out.end());
    return out;
}

} // namespace loophole::signal
