// What the server needs from plugin hosting (signal/plugins' PluginHost): scanning and
// the editor/reload commands. An interface so the server library does not depend on
// the plugin formats; the executable adapts the real PluginHost to it.
#pragma once

#include "loophole/ipc/events_generated.h"
#include "rt/graph/InsertProcessor.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace loophole::signal {

class PluginServices
{
public:
    virtual ~PluginServices() = default;

    using ScanProgress = std::function<void(double done, const std::string& detail)>;

    /// Runs on a worker thread.
    virtual ipc::PluginCatalogueT scan(const std::vector<std::string>& paths, bool rescanAll,
                                       ScanProgress progress) = 0;

    /// Message thread.
    virtual bool openEditor(uint32_t processorId, InsertProcessor&, std::string& error) = 0;
    virtual bool closeEditor(uint32_t processorId) = 0;
    virtual bool reload(uint32_t processorId, InsertProcessor&, std::string& error) = 0;
};

} // namespace loophole::signal
