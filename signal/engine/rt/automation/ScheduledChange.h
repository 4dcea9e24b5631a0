// A parameter change waiting for its engine sample, as it travels control -> audio thread.
#pragma once

#include <cstdint>

namespace loophole::signal {

struct ScheduledChange
{
    uint32_t node = 0;
    uint32_t param = 0;
    float value = 0.0f;
    int64_t atSample = -1; // engine clock; -1 = next block
    uint64_t order = 0;    // arrival order, so equal times apply in the order they were sent
};

} // namespace loophole::signal
