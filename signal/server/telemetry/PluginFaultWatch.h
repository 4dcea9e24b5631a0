// Turns the plugin statuses of successive telemetry readings into PluginFault events: one
// when a plugin becomes Crashed or Hung, none while it stays so, and a new one only after it
// recovered (a reload) and failed again. Pump thread only.
#pragma once

#include "loophole/ipc/telemetry_generated.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace loophole::signal {

class PluginFaultWatch
{
public:
    /// Why processor `id` failed, in plain words (may be empty).
    using Reason = std::function<std::string(uint32_t id)>;

    /// The faults that began since the previous reading.
    std::vector<ipc::PluginFaultT> update(const std::vector<ipc::PluginStatus>& statuses, const Reason& reason);

private:
    std::map<uint32_t, ipc::PluginStatusCode> faulted; // processors in a reported fault
};

} // namespace loophole::signal
