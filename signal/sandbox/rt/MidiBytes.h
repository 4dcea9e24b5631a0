// MIDI events packed into a shared byte area (header + bytes, 4-byte aligned), so a block's
// events cross between processes without allocation on either side.
#pragma once

#include "exchange/BlockExchange.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <cstring>

namespace loophole::signal::sandbox {

/// Packs what fits; returns the bytes used. Events beyond the capacity are dropped.
inline uint32_t packMidi(const juce::MidiBuffer& events, uint8_t* area, uint32_t capacity) noexcept
{
    uint32_t used = 0;
    for (const auto meta : events)
    {
        const auto size = static_cast<uint32_t>(meta.numBytes);
        const uint32_t step = (sizeof(MidiEventHeader) + size + 3u) & ~3u;
        if (used + step > capacity)
            break;
        const MidiEventHeader header { meta.samplePosition, size };
        std::memcpy(area + used, &header, sizeof header);
        std::memcpy(area + used + sizeof header, meta.data, size);
        used += step;
    }
    return used;
}

/// Replaces `events` with what the area holds; `events` must have its capacity reserved.
inline void unpackMidi(const uint8_t* area, uint32_t bytes, juce::MidiBuffer& events) noexcept
{
    events.clear();
    uint32_t at = 0;
    while (at + sizeof(MidiEventHeader) <= bytes)
    {
        MidiEventHeader header {};
        std::memcpy(&header, area + at, sizeof header);
        if (header.size == 0 || at + sizeof header + header.size > bytes)
            break; // a torn or corrupt area ends here rather than reading past it
        events.addEvent(area + at + sizeof header, static_cast<int>(header.size), header.sampleOffset);
        at += (sizeof(MidiEventHeader) + header.size + 3u) & ~3u;
    }
}

} // namespace loophole::signal::sandbox
