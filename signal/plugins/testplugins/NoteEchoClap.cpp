// A CLAP instrument that makes its input events audible, so tests can see what the host
// sent and when: each note-on (CLAP or MIDI dialect) becomes an impulse of its velocity on
// the left channel at the event's sample; the right channel carries tempo / 1000 from the
// transport (0 when the host sends none).
#include "clap/abi/Entry.h"
#include "clap/abi/Host.h"
#include "clap/abi/Plugin.h"
#include "clap/abi/ext/AudioPorts.h"
#include "clap/abi/ext/NotePorts.h"

#include <cstring>

using namespace loophole::clap;

namespace {

const char* const features[] = { "instrument", "synthesizer", nullptr };
const PluginDescriptor descriptor { hostVersion, "dev.loophole.test.note-echo", "Loophole Note Echo", "Loophole", "", "", "",
                                    "1.0.0", "Turns note events into impulses", features };

const PluginAudioPorts audioPorts {
    [](const Plugin*, bool isInput) -> uint32_t { return isInput ? 0 : 1; },
    [](const Plugin*, uint32_t index, bool isInput, AudioPortInfo* info) {
        if (index != 0 || isInput)
            return false;
        std::memset(info, 0, sizeof(*info));
        std::strcpy(info->name, "out");
        info->flags = audioPortIsMain;
        info->channelCount = 2;
        info->portType = "stereo";
        info->inPlacePair = invalidId;
        return true;
    },
};

const PluginNotePorts notePorts {
    [](const Plugin*, bool isInput) -> uint32_t { return isInput ? 1 : 0; },
    [](const Plugin*, uint32_t index, bool isInput, NotePortInfo* info) {
        if (index != 0 || ! isInput)
            return false;
        std::memset(info, 0, sizeof(*info));
        info->supportedDialects = noteDialectClap | noteDialectMidi;
        info->preferredDialect = noteDialectMidi;
        std::strcpy(info->name, "notes");
        return true;
    },
};

ProcessStatus process(const Plugin*, const Process* p)
{
    float* left = p->audioOutputs[0].data32[0];
    float* right = p->audioOutputs[0].data32[1];
    const float tempo = p->transport != nullptr && (p->transport->flags & transportHasTempo)
                      ? static_cast<float>(p->transport->tempo / 1000.0) : 0.0f;
    for (uint32_t i = 0; i < p->framesCount; ++i)
    {
        left[i] = 0.0f;
        right[i] = tempo;
    }
    const auto* in = p->inEvents;
    for (uint32_t e = 0; e < in->size(in); ++e)
    {
        const auto* h = in->get(in, e);
        if (h->spaceId != coreEventSpace || h->time >= p->framesCount)
            continue;
        if (h->type == noteOn)
            left[h->time] = static_cast<float>(reinterpret_cast<const NoteEvent*>(h)->velocity);
        if (h->type == midi)
        {
            const auto* m = reinterpret_cast<const MidiEvent*>(h);
            if ((m->data[0] & 0xf0) == 0x90 && m->data[2] > 0)
                left[h->time] = static_cast<float>(m->data[2]) / 127.0f;
        }
    }
    return processContinue;
}

Plugin instance {
    &descriptor, nullptr,
    [](const Plugin*) { return true; },
    [](const Plugin*) {},
    [](const Plugin*, double, uint32_t, uint32_t) { return true; },
    [](const Plugin*) {},
    [](const Plugin*) { return true; },
    [](const Plugin*) {},
    [](const Plugin*) {},
    process,
    [](const Plugin*, const char* ext) -> const void* {
        if (std::strcmp(ext, audioPortsExtension) == 0) return &audioPorts;
        if (std::strcmp(ext, notePortsExtension) == 0) return &notePorts;
        return nullptr;
    },
    [](const Plugin*) {},
};

const PluginFactory factory {
    [](const PluginFactory*) -> uint32_t { return 1; },
    [](const PluginFactory*, uint32_t index) { return index == 0 ? &descriptor : nullptr; },
    [](const PluginFactory*, const Host*, const char* id) -> const Plugin* {
        return std::strcmp(id, descriptor.id) == 0 ? &instance : nullptr; // one instance is enough for tests
    },
};

} // namespace

extern "C" __attribute__((visibility("default"))) const PluginEntry clap_entry {
    hostVersion,
    [](const char*) { return true; },
    [] {},
    [](const char* id) -> const void* { return std::strcmp(id, pluginFactoryId) == 0 ? &factory : nullptr; },
};
