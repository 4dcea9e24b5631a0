#include "telemetry/PluginFaultWatch.h"

namespace loophole::signal {

namespace {

bool isFault(ipc::PluginStatusCode status)
{
    return status == ipc::PluginStatusCode::Crashed || status == ipc::PluginStatusCode::Hung;
}

} // namespace

std::vector<ipc::PluginFaultT> PluginFaultWatch::update(const std::vector<ipc::PluginStatus>& statuses,
                                                        const Reason& reason)
{
    std::vector<ipc::PluginFaultT> began;
    std::map<uint32_t, ipc::PluginStatusCode> now;
    for (const auto& plugin : statuses) {
        if (! isFault(plugin.status()))
            continue;
        now[plugin.processor()] = plugin.status();
        // Hung then Crashed (a hung host killed) is the same fault going on: reported once.
        if (faulted.count(plugin.processor()) != 0)
            continue;
        ipc::PluginFaultT fault;
        fault.processor = plugin.processor();
        fault.status = plugin.status();
        fault.reason = reason ? reason(plugin.processor()) : std::string();
        if (fault.reason.empty())
            fault.reason = std::string("the plugin ") + (plugin.status() == ipc::PluginStatusCode::Hung ? "hangs" : "crashed");
        began.push_back(std::move(fault));
    }
    faulted = std::move(now); // a processor that recovered or left the graph may fault again
    return began;
}

} // namespace loophole::signal
