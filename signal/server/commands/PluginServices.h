// What the server needs from plugin hosting (signal/plugins' PluginHost): scanning and
// the editor/reload commands. An interface so the server library does not depend on
// the plugin formats; the executable adapts the real PluginHost to it.
#pragma once

#include "loophole/ipc/events_generated.h"
#include "rt/graph/InsertProcessor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace loophole::signal {

/// The inserts of one offline render, and whether one of them made it unfaithful.
class RenderInserts
{
public:
    virtual ~RenderInserts() = default;
    virtual InsertFactory& factory() = 0;
    /// Why the render must fail (a plugin that hung or died in it); empty while all is well.
    virtual std::string fault() = 0;
};

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
    virtual bool closeEditor(uint32_t processorId, InsertProcessor&) = 0;
    virtual bool reload(uint32_t processorId, InsertProcessor&, std::string& error) = 0;

    /// Why a crashed or hung plugin failed, in plain words; empty when nothing is known.
    /// Called under the control lock.
    virtual std::string faultReason(InsertProcessor&) { return {}; }

    /// The factory one offline render makes its inserts with (sandboxed plugins wait for their
    /// host instead of keeping the real-time deadline); nullptr: the live factory will do.
    virtual std::unique_ptr<RenderInserts> renderInserts() { return nullptr; }
};

} // namespace loophole::signal
