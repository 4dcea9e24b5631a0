// What the engine takes from a host's answer. The host runs plugin code, and plugin code can
// write anything anywhere in the shared region, at any time: every number the engine reads back
// is checked here before it can index a buffer, size a delay line or reach the speakers.
#pragma once

#include "exchange/BlockExchange.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace loophole::signal::sandbox {

/// Above this a reported latency is garbage, not a plugin (about 11 s at 48 kHz).
inline constexpr int32_t maxHostedLatency = 1 << 19;

inline int32_t checkedLatency(int32_t reported) noexcept
{
    return std::clamp<int32_t>(reported, 0, maxHostedLatency);
}

/// A status byte that names no InsertStatus means a broken host: Failed.
inline InsertStatus checkedStatus(uint8_t reported) noexcept
{
    return reported <= static_cast<uint8_t>(InsertStatus::Failed) ? static_cast<InsertStatus>(reported) : InsertStatus::Failed;
}

/// Copies one channel of the host's output; false (and silence) when any sample is not finite,
/// so a NaN from a host that skipped its own output guard never reaches the mix.
inline bool copyFiniteOutput(const float* from, float* to, int frames) noexcept
{
    bool finite = true;
    for (int i = 0; i < frames; ++i)
    {
        const float x = from[i]; // read once: the host may be writing it right now
        finite &= std::isfinite(x);
        to[i] = x;
    }
    if (! finite)
        std::fill(to, to + frames, 0.0f);
    return finite;
}

} // namespace loophole::signal::sandbox
