// CLAP ABI: the audio-ports extension: how many buses, how many channels each.
#pragma once

#include "../Version.h"

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* audioPortsExtension = "clap.audio-ports";

enum AudioPortFlags : uint32_t
{
    audioPortIsMain = 1u << 0,
    audioPortSupports64Bits = 1u << 1,
    audioPortPrefers64Bits = 1u << 2,
    audioPortRequiresCommonSampleSize = 1u << 3,
};

struct AudioPortInfo
{
    Id id;
    char name[nameSize];
    uint32_t flags;
    uint32_t channelCount;
    const char* portType; // "mono", "stereo", or nullptr
    Id inPlacePair;
};

struct PluginAudioPorts
{
    uint32_t (*count)(const Plugin* plugin, bool isInput);
    bool (*get)(const Plugin* plugin, uint32_t index, bool isInput, AudioPortInfo* info);
};

struct HostAudioPorts
{
    bool (*isRescanFlagSupported)(const Host* host, uint32_t flag);
    void (*rescan)(const Host* host, uint32_t flags);
};

} // namespace loophole::clap
