// The transport as the audio thread owns it. Changes arrive as TransportChange through a
// queue and are applied at block boundaries.
#pragma once

#include <cstdint>

namespace loophole::signal {

struct TransportChange
{
    enum class Kind : uint8_t { Play, Stop, Locate, Loop } kind = Kind::Play;
    int64_t position = -1; // Play/Locate target; -1 = stay
    bool loopEnabled = false;
    int64_t loopStart = 0, loopEnd = 0;
};

struct TransportState
{
    bool playing = false;
    bool looping = false;
    int64_t position = 0; // timeline sample of the next frame
    int64_t loopStart = 0, loopEnd = 0;

    bool loopActive() const noexcept { return looping && loopEnd > loopStart; }

    /// Frames that can play from here before the loop wraps (or `frames`).
    int framesBeforeWrap(int frames) const noexcept
    {
        if (playing && loopActive() && position < loopEnd && position + frames > loopEnd)
            return static_cast<int>(loopEnd - position);
        return frames;
    }

    /// Advances after `frames` rendered; true when it wrapped (a discontinuity).
    bool advance(int frames) noexcept
    {
        if (!playing)
            return false;
        position += frames;
        if (loopActive() && position == loopEnd)
        {
            position = loopStart;
            return true;
        }
        return false;
    }
};

} // namespace loophole::signal
