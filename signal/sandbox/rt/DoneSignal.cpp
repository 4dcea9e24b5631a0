#include "rt/DoneSignal.h"

#include "rt/Futex.h"

#include <linux/futex.h>

namespace loophole::signal::sandbox {

bool hostDied(const BlockHeader& header) noexcept
{
    return (header.hostLife.load() & FUTEX_OWNER_DIED) != 0;
}

namespace {

void relaxCpu() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause(); // lets the sibling hyperthread run, saves power while spinning
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

/// Watches `done` until `spinEnd`; Done, HostDied, or Late when the spin ran out.
DoneWait spin(BlockHeader& header, uint32_t asked, const timespec& spinEnd) noexcept
{
    for (uint32_t round = 1;; ++round)
    {
        if (header.done.load(std::memory_order_acquire) == asked)
            return DoneWait::Done;
        if (round % 64 == 0) // the clock and the shared life word are dearer than a load of done
        {
            if (hostDied(header))
                return DoneWait::HostDied;
            if (reached(spinEnd))
                return DoneWait::Late;
        }
        relaxCpu();
    }
}

} // namespace

DoneWait waitForDone(BlockHeader& header, uint32_t asked, const timespec& deadline, int64_t spinNs) noexcept
{
    if (spinNs > 0)
    {
        const timespec spinEnd = monotonicAfter(spinNs);
        if (const auto early = spin(header, asked, earlier(spinEnd, deadline) ? spinEnd : deadline); early != DoneWait::Late)
            return early;
    }
    // Sequentially consistent on purpose: the engine's "set WAITERS, then read done" and the
    // host's "write done, then clear WAITERS" must not pass each other.
    for (;;)
    {
        if (header.done.load() == asked)
            return DoneWait::Done;
        uint32_t life = header.hostLife.load();
        if ((life & FUTEX_OWNER_DIED) != 0)
            return DoneWait::HostDied;
        if (reached(deadline))
            return DoneWait::Late;
        if ((life & FUTEX_WAITERS) == 0)
        {
            if (! header.hostLife.compare_exchange_strong(life, life | FUTEX_WAITERS))
                continue; // the host or the kernel changed it: look again
            life |= FUTEX_WAITERS;
            if (header.done.load() == asked)
                return DoneWait::Done;
        }
        futexWaitUntil(header.hostLife, life, deadline);
    }
}

void publishDone(BlockHeader& header, uint32_t answered) noexcept
{
    header.done.store(answered);
    if ((header.hostLife.fetch_and(~uint32_t(FUTEX_WAITERS)) & FUTEX_WAITERS) != 0)
        futexWake(header.hostLife);
}

} // namespace loophole::signal::sandbox
