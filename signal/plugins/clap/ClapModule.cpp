#include "ClapModule.h"

#include <dlfcn.h>

#include <cstring>
#include <map>
#include <mutex>

namespace loophole::signal::clapformat {

namespace {
// One module per path (an entry's init must not run twice at once), and it stays loaded
// for the process lifetime: unloading re-runs a binary's static initialisers on the next
// load, and some plugins (ZamHeadX2) keep per-process state that then differs.
std::mutex registryMutex;
std::map<std::string, std::shared_ptr<ClapModule>>& registry()
{
    static auto* modules = new std::map<std::string, std::shared_ptr<ClapModule>>();
    return *modules;
}
} // namespace

std::shared_ptr<ClapModule> ClapModule::load(const std::string& path, std::string& error)
{
    std::lock_guard lock(registryMutex);
    if (auto existing = registry()[path])
        return existing;

    std::shared_ptr<ClapModule> module(new ClapModule());
    module->path_ = path;
    module->handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module->handle_ == nullptr)
    {
        const char* why = dlerror();
        error = "cannot load " + path + ": " + (why != nullptr ? why : "unknown error");
        return nullptr;
    }
    module->entry_ = static_cast<const clap::PluginEntry*>(dlsym(module->handle_, clap::entrySymbol));
    if (module->entry_ == nullptr)
    {
        error = path + " is not a CLAP plugin (no clap_entry symbol)";
        return nullptr;
    }
    if (! clap::isCompatible(module->entry_->clapVersion))
    {
        error = path + " was built for an incompatible CLAP version";
        module->entry_ = nullptr;
        return nullptr;
    }
    if (! module->entry_->init(path.c_str()))
    {
        error = path + ": the plugin's entry refused to initialise";
        module->entry_ = nullptr;
        return nullptr;
    }
    module->factory_ = static_cast<const clap::PluginFactory*>(module->entry_->getFactory(clap::pluginFactoryId));
    if (module->factory_ == nullptr)
    {
        error = path + " offers no CLAP plugin factory";
        return nullptr;
    }
    registry()[path] = module;
    return module;
}

ClapModule::~ClapModule()
{
    if (entry_ != nullptr)
        entry_->deinit();
    if (handle_ != nullptr)
        dlclose(handle_);
}

std::vector<const clap::PluginDescriptor*> ClapModule::descriptors() const
{
    std::vector<const clap::PluginDescriptor*> result;
    const uint32_t count = factory_->getPluginCount(factory_);
    for (uint32_t i = 0; i < count; ++i)
        if (auto* d = factory_->getPluginDescriptor(factory_, i); d != nullptr && d->id != nullptr)
            result.push_back(d);
    return result;
}

const clap::PluginDescriptor* ClapModule::findDescriptor(const std::string& pluginId) const
{
    for (auto* d : descriptors())
        if (pluginId == d->id)
            return d;
    return nullptr;
}

} // namespace loophole::signal::clapformat
