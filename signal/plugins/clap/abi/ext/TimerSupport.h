// CLAP ABI: the timer-support extension: host-driven main-thread timers (plugin GUIs idle on them).
#pragma once

#include "../Version.h"

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* timerSupportExtension = "clap.timer-support";

struct PluginTimerSupport
{
    void (*onTimer)(const Plugin* plugin, Id timerId);
};

struct HostTimerSupport
{
    bool (*registerTimer)(const Host* host, uint32_t periodMs, Id* timerId);
    bool (*unregisterTimer)(const Host* host, Id timerId);
};

} // namespace loophole::clap
