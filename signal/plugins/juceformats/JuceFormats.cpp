#include "JuceFormats.h"

#include "lv2/Lv2SidechainPorts.h"

namespace loophole::signal::juceformats {

namespace {

juce::AudioPluginFormatManager& manager()
{
    // VST3, LV2 and LADSPA here; AU too on macOS (that path is untested on Linux).
    static juce::AudioPluginFormatManager formats;
    static const bool added = (formats.addDefaultFormats(), true);
    (void) added;
    return formats;
}

juce::String juceFormatName(ipc::PluginFormat format)
{
    switch (format)
    {
        case ipc::PluginFormat::VST3: return "VST3";
        case ipc::PluginFormat::LV2: return "LV2";
        case ipc::PluginFormat::LADSPA: return "LADSPA";
        case ipc::PluginFormat::AU: return "AudioUnit";
        default: return {};
    }
}

/// LV2 plugins are found by URI; a bundle's manifest names the URIs it provides.
juce::StringArray identifiersIn(ipc::PluginFormat format, juce::AudioPluginFormat& juceFormat, const std::string& path)
{
    if (format != ipc::PluginFormat::LV2)
        return { juce::String(path) };
    const juce::File bundle(path);
    const auto manifest = bundle.getChildFile("manifest.ttl").loadFileAsString();
    juce::StringArray uris;
    for (const auto& uri : juceFormat.searchPathsForPlugins(juce::FileSearchPath(bundle.getParentDirectory().getFullPathName()), false, false))
        if (manifest.contains("<" + uri + ">"))
            uris.add(uri);
    return uris;
}

} // namespace

juce::AudioPluginFormat* formatFor(ipc::PluginFormat format)
{
    const auto name = juceFormatName(format);
    for (auto* f : manager().getFormats())
        if (f->getName() == name)
            return f;
    return nullptr;
}

std::string uniqueIdOf(ipc::PluginFormat format, const juce::PluginDescription& plugin)
{
    switch (format)
    {
        case ipc::PluginFormat::LV2: return plugin.fileOrIdentifier.toStdString(); // the plugin's URI
        case ipc::PluginFormat::LADSPA: // JUCE numbers a library's plugins 0, 1, ...: qualify with the library
            return (juce::File(plugin.fileOrIdentifier).getFileNameWithoutExtension() + ":" + juce::String(plugin.uniqueId)).toStdString();
        default: return juce::String::toHexString(plugin.uniqueId).paddedLeft('0', 8).toStdString();
    }
}

std::vector<ipc::PluginDescriptionT> describe(ipc::PluginFormat format, const std::string& path, std::string& error)
{
    std::vector<ipc::PluginDescriptionT> result;
    auto* juceFormat = formatFor(format);
    if (juceFormat == nullptr)
    {
        error = "this build cannot host " + juceFormatName(format).toStdString() + " plugins";
        return result;
    }
    juce::OwnedArray<juce::PluginDescription> found;
    for (const auto& id : identifiersIn(format, *juceFormat, path))
        juceFormat->findAllTypesForFile(found, id);
    if (found.isEmpty())
        error = "no " + juceFormatName(format).toStdString() + " plugin found in " + path;

    for (auto* plugin : found)
    {
        ipc::PluginDescriptionT entry;
        entry.uid = uniqueIdOf(format, *plugin);
        entry.format = format;
        entry.name = plugin->name.toStdString();
        entry.vendor = plugin->manufacturerName.toStdString();
        entry.version = plugin->version.toStdString();
        entry.category = plugin->category.toStdString();
        entry.path = path;
        entry.is_instrument = plugin->isInstrument;
        entry.main_inputs = static_cast<uint16_t>(plugin->numInputChannels);
        entry.main_outputs = static_cast<uint16_t>(plugin->numOutputChannels);

        juce::String why;
        if (auto instance = manager().createPluginInstance(*plugin, 48000.0, 512, why))
        {
            if (auto* in = instance->getBus(true, 0))
                entry.main_inputs = static_cast<uint16_t>(in->getNumberOfChannels());
            if (auto* out = instance->getBus(false, 0))
                entry.main_outputs = static_cast<uint16_t>(out->getNumberOfChannels());
            if (auto* sidechain = instance->getBus(true, 1))
                entry.sidechain_inputs = static_cast<uint16_t>(std::max(1, sidechain->getDefaultLayout().size()));
            if (format == ipc::PluginFormat::LV2) // JUCE leaves LV2 sidechain ports in the main bus
                if (const auto moved = lv2SidechainChannels(path, plugin->fileOrIdentifier.toStdString()); ! moved.empty())
                {
                    entry.main_inputs = static_cast<uint16_t>(std::max<int>(0, entry.main_inputs - static_cast<int>(moved.size())));
                    entry.sidechain_inputs = static_cast<uint16_t>(entry.sidechain_inputs + moved.size());
                }
            instance->prepareToPlay(48000.0, 512);
            entry.latency_samples = static_cast<uint32_t>(std::max(0, instance->getLatencySamples()));
            instance->releaseResources();
            uint32_t index = 0;
            for (auto* parameter : instance->getParameters())
            {
                auto info = std::make_unique<ipc::PluginParameterInfoT>();
                info->index = index++;
                info->name = parameter->getName(256).toStdString();
                info->default_value = parameter->getDefaultValue();
                info->automatable = parameter->isAutomatable();
                entry.parameters.push_back(std::move(info));
            }
        }
        result.push_back(std::move(entry));
    }
    return result;
}

bool findJuceDescription(ipc::PluginFormat format, const std::string& path, const std::string& uid,
                         juce::PluginDescription& result, std::string& error)
{
    auto* juceFormat = formatFor(format);
    if (juceFormat == nullptr)
    {
        error = "this build cannot host " + juceFormatName(format).toStdString() + " plugins";
        return false;
    }
    juce::OwnedArray<juce::PluginDescription> found;
    if (format == ipc::PluginFormat::LV2)
        juceFormat->findAllTypesForFile(found, uid); // the uid is the URI: no bundle search needed
    if (found.isEmpty())
        for (const auto& id : identifiersIn(format, *juceFormat, path))
            juceFormat->findAllTypesForFile(found, id);
    for (auto* plugin : found)
        if (uniqueIdOf(format, *plugin) == uid)
        {
            result = *plugin;
            return true;
        }
    error = "no plugin with id " + uid + " in " + path;
    return false;
}

juce::AudioPluginFormatManager& formatManager() { return manager(); }

} // namespace loophole::signal::juceformats
