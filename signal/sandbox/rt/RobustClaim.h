// The host's block thread owns its region's `hostLife` word through the kernel's robust futex
// list (set_robust_list(2), Documentation/locking/robust-futex-ABI.rst): the word holds the
// thread's TID, and when the thread dies for any reason (kill -9, a crash, an exit) the kernel
// sets FUTEX_OWNER_DIED in it and wakes one waiter, while it tears the thread down. That waiter
// is the engine (rt/DoneSignal.h), which so learns of the death without waiting out a deadline.
//
// A thread has one robust list, and glibc registers its own for robust pthread mutexes: while
// a claim is held, this thread's list is ours (the list head and entry live here, in the host's
// private memory; only the word is shared), and glibc's comes back on release(). Robust mutexes
// a plugin locks on this thread are then not released by the kernel if the host dies; the host
// process dies with them, so only cross-process robust mutexes would notice.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <linux/futex.h>

namespace loophole::signal::sandbox {

class RobustClaim
{
public:
    RobustClaim() = default;
    RobustClaim(const RobustClaim&) = delete;
    RobustClaim& operator=(const RobustClaim&) = delete;

    /// On the owning thread: writes its TID into `word` and registers it. False when the
    /// kernel refused the list (the engine then only has its deadline, as without a claim).
    bool claim(std::atomic<uint32_t>& word) noexcept;

    /// On the same thread, before it ends normally: unregisters (glibc's list back), clears
    /// the TID and wakes a waiter, so a clean stop is not reported as a death.
    void release() noexcept;

private:
    robust_list_head head_ {};
    robust_list entry_ {};
    robust_list_head* previousHead_ = nullptr;
    size_t previousLength_ = 0;
    std::atomic<uint32_t>* word_ = nullptr;
};

} // namespace loophole::signal::sandbox
