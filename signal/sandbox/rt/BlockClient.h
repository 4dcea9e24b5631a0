// The engine's half of a block exchange, on the audio thread: writes one block into the
// shared region, wakes the host and waits for the result until an absolute deadline, or
// until the kernel reports the host dead (rt/DoneSignal.h), whichever comes first.
// No allocation, no locks; the only wait is the bounded futex wait.
#pragma once

#include "exchange/BlockExchange.h"

#include <atomic>
#include <ctime>

namespace loophole::signal::sandbox {

enum class BlockOutcome : uint8_t {
    Processed, // the host's output is in context.audio / context.midi
    Missed,    // the host did not answer by the deadline; context is untouched
    HostBusy,  // the host is still on an earlier, missed block; nothing was sent
    TooLarge,  // the block exceeds the region (the engine did not prepare() for it)
    HostDied,  // the host's block thread died (before or during this block); context is untouched
};

class BlockClient
{
public:
    /// Control thread, while the audio thread cannot be in run().
    void attach(void* regionBase, uint32_t maxBlock) noexcept
    {
        base_ = regionBase;
        layout_ = BlockLayout(maxBlock);
    }

    /// `spinNs`: how long to watch for the answer before sleeping (rt/DoneSignal.h).
    BlockOutcome run(InsertContext& context, const timespec& deadline, int64_t spinNs = 0) noexcept;

    /// The hosted plugin's own verdict and latency from the last processed block.
    InsertStatus hostedStatus() const noexcept { return hostedStatus_.load(std::memory_order_relaxed); }
    int hostedLatency() const noexcept { return hostedLatency_.load(std::memory_order_relaxed); }

private:
    void* base_ = nullptr;
    BlockLayout layout_ { 0 };
    std::atomic<InsertStatus> hostedStatus_ { InsertStatus::Ok };
    std::atomic<int> hostedLatency_ { 0 };
};

} // namespace loophole::signal::sandbox
