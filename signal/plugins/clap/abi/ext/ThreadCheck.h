// CLAP ABI: the thread-check extension: lets a plugin ask which thread it is on.
#pragma once

namespace loophole::clap {

struct Host;

inline constexpr const char* threadCheckExtension = "clap.thread-check";

struct HostThreadCheck
{
    bool (*isMainThread)(const Host* host);
    bool (*isAudioThread)(const Host* host);
};

} // namespace loophole::clap
