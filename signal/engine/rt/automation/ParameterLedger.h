// A running count and order-sensitive digest of the parameter changes the audio thread took,
// so a client can prove from the engine's side that every change arrived, in order, with its
// value (Telemetry.parameter_changes / parameter_digest, chorus/ipc/telemetry.fbs). Word-wise
// FNV-1a over (node, param, value bits): a few integer operations per change, real-time safe.
#pragma once

#include "rt/automation/ScheduledChange.h"

#include <bit>
#include <cstdint>

namespace loophole::signal {

struct ParameterLedger
{
    static constexpr uint64_t offsetBasis = 14695981039346656037ull;
    static constexpr uint64_t prime = 1099511628211ull;

    uint64_t changes = 0;
    uint64_t digest = offsetBasis;

    void record(const ScheduledChange& c) noexcept
    {
        fold(c.node);
        fold(c.param);
        fold(std::bit_cast<uint32_t>(c.value));
        ++changes;
    }

private:
    void fold(uint32_t word) noexcept { digest = (digest ^ word) * prime; }
};

} // namespace loophole::signal
