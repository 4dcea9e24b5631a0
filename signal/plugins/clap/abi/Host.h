// CLAP ABI: the host vtable a plugin calls back into.
#pragma once

#include "Version.h"

namespace loophole::clap {

struct Host
{
    Version clapVersion;
    void* hostData;
    const char* name;
    const char* vendor;
    const char* url;
    const char* version;
    const void* (*getExtension)(const Host* host, const char* extensionId);
    void (*requestRestart)(const Host* host);
    void (*requestProcess)(const Host* host);
    void (*requestCallback)(const Host* host); // "call my on_main_thread soon"
};

} // namespace loophole::clap
