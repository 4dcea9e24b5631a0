// CLAP ABI: the latency extension.
#pragma once

#include <cstdint>

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* latencyExtension = "clap.latency";

struct PluginLatency
{
    uint32_t (*get)(const Plugin* plugin); // only valid while activated
};

struct HostLatency
{
    void (*changed)(const Host* host);
};

} // namespace loophole::clap
