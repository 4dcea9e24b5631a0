#include "PluginHost.h"

#include "clap/ClapInsert.h"
#include "hosting/HostedInsert.h"
#include "hosting/OnMessageThread.h"
#include "juceformats/JuceFormats.h"
#include "juceformats/JuceInsert.h"
#include "scan/PluginScanner.h"
#include "scan/ScanCache.h"

namespace loophole::signal {

PluginHost::PluginHost(InsertFactory& builtIns, std::string cacheFile)
    : builtIns_(builtIns), cacheFile_(cacheFile.empty() ? defaultCacheFile() : std::move(cacheFile))
{
    // What the last scan found is known at once; a plugin not in it needs a scan first.
    ipc::PluginCatalogueT cached;
    for (auto& plugin : ScanCache(cacheFile_).all())
        cached.plugins.push_back(std::make_unique<ipc::PluginDescriptionT>(std::move(plugin)));
    adoptCatalogue(cached);
}

PluginHost::~PluginHost()
{
    if (! editors_.empty()) // windows belong to the message thread
        onMessageThread([this] { editors_.clear(); return true; });
}

const ipc::PluginDescriptionT* PluginHost::find(ipc::PluginFormat format, const std::string& uid) const
{
    std::lock_guard lock(catalogueMutex_);
    const auto it = catalogue_.find({ format, uid });
    return it == catalogue_.end() ? nullptr : &it->second;
}

void PluginHost::adoptCatalogue(const ipc::PluginCatalogueT& catalogue)
{
    std::lock_guard lock(catalogueMutex_);
    for (const auto& plugin : catalogue.plugins)
        if (! plugin->blocked)
            catalogue_[{ plugin->format, plugin->uid }] = *plugin;
}

ipc::PluginCatalogueT PluginHost::scan(const std::vector<std::string>& paths, bool rescanAll,
                                       std::function<void(double, const std::string&)> progress)
{
    ScanOptions options;
    options.paths = paths;
    options.rescanAll = rescanAll;
    options.cacheFile = cacheFile_;
    options.timeoutSeconds = scanTimeout_;
    auto report = scanPlugins(options, progress);
    adoptCatalogue(report.catalogue);
    return std::move(report.catalogue);
}

std::unique_ptr<InsertProcessor> PluginHost::create(const ipc::Processor& description, double sampleRate,
                                                    int maxBlockSize, std::string& error)
{
    if (description.format() == ipc::PluginFormat::BuiltIn)
        return builtIns_.create(description, sampleRate, maxBlockSize, error);

    const std::string uid = description.plugin_uid() != nullptr ? description.plugin_uid()->str() : "";
    const auto* known = find(description.format(), uid);
    if (known == nullptr)
    {
        error = "plugin " + uid + " (" + ipc::EnumNamePluginFormat(description.format())
              + ") is not in the catalogue; scan for plugins first";
        return nullptr;
    }
    const ipc::PluginDescriptionT entry = *known;

    std::unique_ptr<HostedInsert> insert;
    const bool ran = onMessageThread([&] {
        if (entry.format == ipc::PluginFormat::CLAP)
        {
            insert = clapformat::ClapInsert::create(entry.path, entry.uid, entry, error);
            return true;
        }
        juce::PluginDescription plugin;
        if (juceformats::findJuceDescription(entry.format, entry.path, entry.uid, plugin, error))
            insert = juceformats::JuceInsert::create(plugin, sampleRate, maxBlockSize, entry, error);
        return true;
    });
    if (! ran)
        error = "the message thread did not answer while loading " + entry.name;
    if (insert == nullptr)
        return nullptr;

    insert->prepare(sampleRate, maxBlockSize);
    if (const auto* state = description.state(); state != nullptr && state->size() > 0)
        if (! insert->restoreState({ state->data(), state->size() }))
        {
            error = entry.name + " rejected its saved state";
            return nullptr;
        }
    return insert;
}

bool PluginHost::openEditor(uint32_t processorId, InsertProcessor& insert, std::string& error)
{
    auto* hosted = dynamic_cast<HostedInsert*>(&insert);
    if (hosted == nullptr)
    {
        error = "processor " + std::to_string(processorId) + " has no plugin editor";
        return false;
    }
    editors_.erase(processorId);
    auto window = hosted->openEditor(error);
    if (window == nullptr)
        return false;
    editors_[processorId] = std::move(window);
    return true;
}

bool PluginHost::closeEditor(uint32_t processorId)
{
    return editors_.erase(processorId) > 0;
}

EditorWindow* PluginHost::editor(uint32_t processorId)
{
    const auto it = editors_.find(processorId);
    return it == editors_.end() ? nullptr : it->second.get();
}

bool PluginHost::reload(uint32_t processorId, InsertProcessor& insert, std::string& error)
{
    auto* hosted = dynamic_cast<HostedInsert*>(&insert);
    if (hosted == nullptr)
    {
        error = "processor " + std::to_string(processorId) + " is not a hosted plugin";
        return false;
    }
    // In-engine plugins have no process to restart: reloading re-applies the plugin's own
    // state (clearing whatever produced the bad output) and lifts the fault.
    const auto state = hosted->saveState();
    if (! state.empty() && ! hosted->restoreState(state))
    {
        error = hosted->description().name + " could not reload its state";
        return false;
    }
    hosted->clearFault();
    return true;
}

} // namespace loophole::signal
