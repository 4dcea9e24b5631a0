// Parameter changes of blocks that never reached the host (it was still busy with a missed
// block, or dead until a reload): the engine hands each change to an insert once, in one block,
// so a sandboxed insert that does not send that block keeps the latest value of each parameter
// and sends them at the start of the next block that does reach a host. Audio thread; fixed
// capacity, no allocation.
#pragma once

#include "exchange/BlockExchange.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>

namespace loophole::signal::sandbox {

class UnsentParameters
{
public:
    /// Keeps `events` for a later block; a parameter's later value replaces its earlier one.
    /// Beyond maxParameterEvents distinct parameters the rest are dropped, as a block's would be.
    void keep(std::span<const ParameterEvent> events) noexcept
    {
        for (const auto& event : events)
        {
            size_t at = 0;
            while (at < count_ && kept_[at].index != event.index)
                ++at;
            if (at == count_ && count_ == kept_.size())
                continue;
            kept_[at] = { 0, event.index, event.value };
            count_ = std::max(count_, at + 1);
        }
    }

    /// What to send with a block whose own changes are `events`: the kept ones first, at its
    /// first sample, then its own (the span stays valid until the next call).
    std::span<const ParameterEvent> withKept(std::span<const ParameterEvent> events) noexcept
    {
        if (count_ == 0)
            return events;
        size_t n = 0;
        for (size_t i = 0; i < count_; ++i)
            merged_[n++] = kept_[i];
        for (size_t i = 0; i < events.size() && n < merged_.size(); ++i)
            merged_[n++] = events[i];
        return { merged_.data(), n };
    }

    /// The host has them now.
    void sent() noexcept { count_ = 0; }

    size_t size() const noexcept { return count_; }

private:
    std::array<ParameterEvent, maxParameterEvents> kept_ {};
    std::array<ParameterEvent, maxParameterEvents> merged_ {};
    size_t count_ = 0;
};

} // namespace loophole::signal::sandbox
