// One loaded CLAP binary: dlopen'd once per path and its entry initialised once; it stays
// loaded until the process exits (see ClapModule.cpp for why).
#pragma once

#include "abi/Entry.h"
#include "abi/Plugin.h"

#include <memory>
#include <string>
#include <vector>

namespace loophole::signal::clapformat {

class ClapModule
{
public:
    /// nullptr with `error` set when the file is not a loadable CLAP binary.
    static std::shared_ptr<ClapModule> load(const std::string& path, std::string& error);
    ~ClapModule();

    const std::string& path() const noexcept { return path_; }
    const clap::PluginFactory& factory() const noexcept { return *factory_; }
    std::vector<const clap::PluginDescriptor*> descriptors() const;
    const clap::PluginDescriptor* findDescriptor(const std::string& pluginId) const;

private:
    ClapModule() = default;

    std::string path_;
    void* handle_ = nullptr;
    const clap::PluginEntry* entry_ = nullptr;
    const clap::PluginFactory* factory_ = nullptr;
};

} // namespace loophole::signal::clapformat
