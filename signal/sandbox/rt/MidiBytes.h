// MIDI events packed into a shared byte area (header + bytes, 4-byte aligned), so a block's
// events cross between processes without allocation on either side.
#pragma once

#include "exchange/BlockExchange.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
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

/// Replaces `events` with what the area holds, each placed inside a block of `frames`; `events`
/// must have its capacity reserved. The area may come from the other process mid-write or
/// corrupt: sizes are checked in 64 bits and positions clamped, so nothing reads past it.
inline void unpackMidi(const uint8_t* area, uint32_t bytes, int frames, juce::MidiBuffer& events) noexcept
{
    events.clear();
    const int lastSample = std::max(0, frames - 1);
    uint64_t at = 0;
    while (at + sizeof(MidiEventHeader) <= bytes)
    {
        MidiEventHeader header {};
        std::memcpy(&header, area + at, sizeof header);
        if (header.size == 0 || at + sizeof header + uint64_t(header.size) > bytes)
            break; // a torn or corrupt area ends here rather than reading past it
        events.addEvent(area + at + sizeof header, static_cast<int>(header.size), std::clamp(header.sampleOffset, 0, lastSample));
        at += (sizeof(MidiEventHeader) + uint64_t(header.size) + 3u) & ~uint64_t(3);
    }
}

} // namespace loophole::signal::sandbox
