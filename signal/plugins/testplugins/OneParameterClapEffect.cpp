#include "OneParameterClapEffect.h"

#include "clap/abi/Entry.h"
#include "clap/abi/Host.h"
#include "clap/abi/Plugin.h"
#include "clap/abi/ext/AudioPorts.h"
#include "clap/abi/ext/Params.h"

#include <cstring>

using namespace loophole::clap;
using loophole::clap::testplugins::thisEffect;

namespace {

constexpr Id parameterId = 7;
const char* const features[] = { "audio-effect", "utility", nullptr };

// Built on first use: `thisEffect` lives in another translation unit.
const PluginDescriptor& descriptor()
{
    static const PluginDescriptor d { hostVersion, thisEffect.id, thisEffect.name, "Loophole", "", "", "",
                                      "1.0.0", thisEffect.description, features };
    return d;
}

struct Instance
{
    Plugin plugin {};
    double value = 0.0;
};
Instance& self(const Plugin* p) { return *static_cast<Instance*>(p->pluginData); }

void applyEvents(Instance& s, const InputEvents* in)
{
    for (uint32_t i = 0; in != nullptr && i < in->size(in); ++i)
        if (auto* h = in->get(in, i); h != nullptr && h->spaceId == coreEventSpace && h->type == paramValue)
            s.value = reinterpret_cast<const ParamValueEvent*>(h)->value;
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
        info->id = parameterId;
        info->flags = paramIsAutomatable;
        std::strncpy(info->name, thisEffect.parameterName, sizeof(info->name) - 1);
        info->minValue = 0.0;
        info->maxValue = 1.0;
        info->defaultValue = 0.0;
        return true;
    },
    [](const Plugin* p, Id id, double* value) {
        if (id != parameterId)
            return false;
        *value = self(p).value;
        return true;
    },
    [](const Plugin*, Id, double, char*, uint32_t) { return false; },
    [](const Plugin*, Id, const char*, double*) { return false; },
    [](const Plugin* p, const InputEvents* in, const OutputEvents*) { applyEvents(self(p), in); },
};

ProcessStatus process(const Plugin* p, const Process* block)
{
    auto& s = self(p);
    applyEvents(s, block->inEvents);
    for (uint32_t c = 0; c < 2; ++c)
        std::memcpy(block->audioOutputs[0].data32[c], block->audioInputs[0].data32[c], block->framesCount * sizeof(float));
    thisEffect.afterPassThrough(*block, s.value);
    return processContinue;
}

const Plugin* create(const PluginFactory*, const Host*, const char* id)
{
    if (std::strcmp(id, descriptor().id) != 0)
        return nullptr;
    auto* s = new Instance();
    s->plugin = Plugin {
        &descriptor(), s,
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
    [](const PluginFactory*, uint32_t index) { return index == 0 ? &descriptor() : nullptr; },
    create,
};

} // namespace

extern "C" __attribute__((visibility("default"))) const PluginEntry clap_entry {
    hostVersion,
    [](const char*) { return true; },
    [] {},
    [](const char* id) -> const void* { return std::strcmp(id, pluginFactoryId) == 0 ? &factory : nullptr; },
};
