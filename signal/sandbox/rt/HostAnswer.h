// What the engine takes from a host's answer. The host runs plugin code, and plugin code can
// write anything anywhere in the shared region, at any time: every number the engine reads back
// is checked here before it can index a buffer or size a delay line; its audio goes through the
// same output guard as an in-engine plugin's (plugins/rt/OutputGuard.h).
#pragma once

#include "exchange/BlockExchange.h"

#include <algorithm>
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

} // namespace loophole::signal::sandbox
