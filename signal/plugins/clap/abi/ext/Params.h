// CLAP ABI: the params extension (plugin side and host side).
#pragma once

#include "../Events.h"

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* paramsExtension = "clap.params";

enum ParamInfoFlags : uint32_t
{
    paramIsStepped = 1u << 0,
    paramIsPeriodic = 1u << 1,
    paramIsHidden = 1u << 2,
    paramIsReadonly = 1u << 3,
    paramIsBypass = 1u << 4,
    paramIsAutomatable = 1u << 5,
};

struct ParamInfo
{
    Id id;
    uint32_t flags;
    void* cookie;
    char name[nameSize];
    char module[pathSize];
    double minValue;
    double maxValue;
    double defaultValue;
};

struct PluginParams
{
    uint32_t (*count)(const Plugin* plugin);
    bool (*getInfo)(const Plugin* plugin, uint32_t index, ParamInfo* info);
    bool (*getValue)(const Plugin* plugin, Id paramId, double* value);
    bool (*valueToText)(const Plugin* plugin, Id paramId, double value, char* text, uint32_t capacity);
    bool (*textToValue)(const Plugin* plugin, Id paramId, const char* text, double* value);
    /// Applies parameter events while not processing (main thread) or inside process.
    void (*flush)(const Plugin* plugin, const InputEvents* in, const OutputEvents* out);
};

struct HostParams
{
    void (*rescan)(const Host* host, uint32_t flags);
    void (*clear)(const Host* host, Id paramId, uint32_t flags);
    void (*requestFlush)(const Host* host);
};

} // namespace loophole::clap
