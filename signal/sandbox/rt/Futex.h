// Futex waits and wakes on 32-bit words in memory shared between processes (so never
// FUTEX_PRIVATE_FLAG). The engine's wait always has an absolute deadline: it is the one
// bounded wait chorus/rt allows on the audio thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>

namespace loophole::signal::sandbox {

/// Wakes every waiter on `word`.
void futexWake(std::atomic<uint32_t>& word) noexcept;

/// Sleeps while `word` still holds `expected`, at most until `deadline` (CLOCK_MONOTONIC).
/// Returns on a wake, a change of the word, a signal, or the deadline; callers re-check.
void futexWaitUntil(std::atomic<uint32_t>& word, uint32_t expected, const timespec& deadline) noexcept;

/// CLOCK_MONOTONIC now, plus `nanoseconds`.
timespec monotonicAfter(int64_t nanoseconds) noexcept;

/// Whether CLOCK_MONOTONIC time `a` comes before `b`.
inline bool earlier(const timespec& a, const timespec& b) noexcept
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

bool reached(const timespec& deadline) noexcept;

/// Waits until `word` equals `target` or the deadline passes; true when it got there.
inline bool waitForValue(std::atomic<uint32_t>& word, uint32_t target, const timespec& deadline) noexcept
{
    for (;;)
    {
        const uint32_t seen = word.load(std::memory_order_acquire);
        if (seen == target)
            return true;
        if (reached(deadline))
            return false;
        futexWaitUntil(word, seen, deadline);
    }
}

} // namespace loophole::signal::sandbox
