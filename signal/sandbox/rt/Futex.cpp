#include "rt/Futex.h"

#include <climits>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace loophole::signal::sandbox {

namespace {

uint32_t* address(std::atomic<uint32_t>& word) noexcept
{
    return reinterpret_cast<uint32_t*>(&word); // lock-free atomic<uint32_t> is the bare word
}

} // namespace

void futexWake(std::atomic<uint32_t>& word) noexcept
{
    ::syscall(SYS_futex, address(word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

void futexWaitUntil(std::atomic<uint32_t>& word, uint32_t expected, const timespec& deadline) noexcept
{
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC time, so retries after a spurious
    // wake never stretch the deadline.
    ::syscall(SYS_futex, address(word), FUTEX_WAIT_BITSET, expected, &deadline, nullptr, FUTEX_BITSET_MATCH_ANY);
}

timespec monotonicAfter(int64_t nanoseconds) noexcept
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const int64_t total = int64_t(now.tv_nsec) + nanoseconds;
    now.tv_sec += static_cast<time_t>(total / 1'000'000'000);
    now.tv_nsec = static_cast<long>(total % 1'000'000'000);
    return now;
}

bool reached(const timespec& deadline) noexcept
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return ! earlier(now, deadline);
}

} // namespace loophole::signal::sandbox
