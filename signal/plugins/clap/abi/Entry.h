// CLAP ABI: the one symbol ("clap_entry") a CLAP binary exports, and the plugin factory it hands out.
#pragma once

#include "Version.h"

namespace loophole::clap {

struct Host;
struct Plugin;
struct PluginDescriptor;

inline constexpr const char* entrySymbol = "clap_entry";
inline constexpr const char* pluginFactoryId = "clap.plugin-factory";

struct PluginEntry
{
    Version clapVersion;
    bool (*init)(const char* pluginPath);
    void (*deinit)();
    const void* (*getFactory)(const char* factoryId);
};

struct PluginFactory
{
    uint32_t (*getPluginCount)(const PluginFactory* factory);
    const PluginDescriptor* (*getPluginDescriptor)(const PluginFactory* factory, uint32_t index);
    const Plugin* (*createPlugin)(const PluginFactory* factory, const Host* host, const char* pluginId);
};

} // namespace loophole::clap
