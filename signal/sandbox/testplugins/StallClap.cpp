// A stereo CLAP effect that passes audio through until its one parameter ("stall") goes
// above 0.5, then never returns from process(): a plugin that hangs mid-playback, for the
// sandbox's deadline and Hung tests. Untouched, it is the pass-through the benchmark uses.
#include "clap/abi/Entry.h"
#include "clap/abi/Host.h"
#include "clap/abi/Plugin.h"
#include "clap/abi/ext/AudioPorts.h"
#include "clap/abi/ext/Params.h"

#include <cstring>
#include <unistd.h>

using namespace loophole::clap;

namespace {

const char* const features[] = { "audio-effect", "utility", nullptr };
const PluginDescriptor descriptor { hostVersion, "dev.loophole.test.stall", "Loophole Stall Test", "Loophole", "", "", "",
                                    "1.0.0", "Hangs in process() on demand", features };

struct StallPlugin
{
    Plugin plugin {};
    double stall = 0.0;
};
StallPlugin& self(const Plugin* p) { return *static_cast<StallPlugin*>(p->pluginData); }

void applyEvents(StallPlugin& s, const InputEvents* in)
{
    for (uint32_t i = 0; in != nullptr && i < in->size(in); ++i)
        if (auto* h = in->get(in, i); h != nullptr && h->spaceId == coreEventSpace && h->type == paramValue)
            s.stall = reinterpret_cast<const ParamValueEvent*>(h)->value;
}

const PluginAudioPorts audioPorts {
    [](const Plugin*, bool) -> uint32_t { return 1; },
    [](const Plugin*, uint32_t index, bool isInput, AudioPortInfo* info) {
        if (index != 0)
            return false;
        std::memset(info, 0, sizeof(*info));
        info->id = isInput ? 0 : 1;
        std::strcpy(info->name, "main");
        info->flags = audioPortIsMain;
        info->channelCount = 2;
        info->portType = "stereo";
        info->inPlacePair = invalidId;
        return true;
    },
};

const PluginParams params {
    [](const Plugin*) -> uint32_t { return 1; },
    [](const Plugin*, uint32_t index, ParamInfo* info) {
        if (index != 0)
            return false;
        std::memset(info, 0, sizeof(*info));
        info->id = 7;
        info->flags = paramIsAutomatable;
        std::strcpy(info->name, "stall");
        info->minValue = 0.0;
        info->maxValue = 1.0;
        info->defaultValue = 0.0;
        return true;
    },
    [](const Plugin* p, Id id, double* value) {
        if (id != 7)
            return false;
        *value = self(p).stall;
        return true;
    },
    [](const Plugin*, Id, double, char*, uint32_t) { return false; },
    [](const Plugin*, Id, const char*, double*) { return false; },
    [](const Plugin* p, const InputEvents* in, const OutputEvents*) { applyEvents(self(p), in); },
};

ProcessStatus process(const Plugin* p, const Process* proc)
{
    auto& s = self(p);
    applyEvents(s, proc->inEvents);
    for (uint32_t c = 0; c < 2; ++c)
        std::memcpy(proc->audioOutputs[0].data32[c], proc->audioInputs[0].data32[c], proc->framesCount * sizeof(float));
    while (s.stall > 0.5)
        ::pause(); // as stuck as a plugin can be: only a signal that ends the process frees it
    return processContinue;
}

const Plugin* create(const PluginFactory*, const Host*, const char* id)
{
    if (std::strcmp(id, descriptor.id) != 0)
        return nullptr;
    auto* s = new StallPlugin();
    s->plugin = Plugin {
        &descriptor, s,
        [](const Plugin*) { return true; },
        [](const Plugin* p) { delete &self(p); },
        [](const Plugin*, double, uint32_t, uint32_t) { return true; },
        [](const Plugin*) {},
        [](const Plugin*) { return true; },
        [](const Plugin*) {},
        [](const Plugin*) {},
        process,
        [](const Plugin*, const char* ext) -> const void* {
            if (std::strcmp(ext, audioPortsExtension) == 0) return &audioPorts;
            if (std::strcmp(ext, paramsExtension) == 0) return &params;
            return nullptr;
        },
        [](const Plugin*) {},
    };
    return &s->plugin;
}

const PluginFactory factory {
    [](const PluginFactory*) -> uint32_t { return 1; },
    [](const PluginFactory*, uint32_t index) { return index == 0 ? &descriptor : nullptr; },
    create,
};

} // namespace

extern "C" __attribute__((visibility("default"))) const PluginEntry clap_entry {
    hostVersion,
    [](const char*) { return true; },
    [] {},
    [](const char* id) -> const void* { return std::strcmp(id, pluginFactoryId) == 0 ? &factory : nullptr; },
};
