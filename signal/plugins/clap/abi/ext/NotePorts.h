// CLAP ABI: the note-ports extension: which note/MIDI inputs a plugin has.
#pragma once

#include "../Version.h"

namespace loophole::clap {

struct Plugin;
struct Host;

inline constexpr const char* notePortsExtension = "clap.note-ports";

enum NoteDialect : uint32_t
{
    noteDialectClap = 1u << 0,
    noteDialectMidi = 1u << 1,
    noteDialectMidiMpe = 1u << 2,
    noteDialectMidi2 = 1u << 3,
};

struct NotePortInfo
{
    Id id;
    uint32_t supportedDialects;
    uint32_t preferredDialect;
    char name[nameSize];
};

struct PluginNotePorts
{
    uint32_t (*count)(const Plugin* plugin, bool isInput);
    bool (*get)(const Plugin* plugin, uint32_t index, bool isInput, NotePortInfo* info);
};

struct HostNotePorts
{
    uint32_t (*supportedDialects)(const Host* host);
    void (*rescan)(const Host* host, uint32_t flags);
};

} // namespace loophole::clap
