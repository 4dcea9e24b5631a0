// CLAP ABI: the state extension: save to and load from a byte stream.
#pragma once

#include "../Stream.h"

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* stateExtension = "clap.state";

struct PluginState
{
    bool (*save)(const Plugin* plugin, const OutputStream* stream);
    bool (*load)(const Plugin* plugin, const InputStream* stream);
};

struct HostState
{
    void (*markDirty)(const Host* host);
};

} // namespace loophole::clap
