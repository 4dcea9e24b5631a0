#include "rt/RobustClaim.h"

#include "rt/Futex.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace loophole::signal::sandbox {

bool RobustClaim::claim(std::atomic<uint32_t>& word) noexcept
{
    if (::syscall(SYS_get_robust_list, 0, &previousHead_, &previousLength_) != 0)
        previousHead_ = nullptr;

    // A list of one: head -> entry -> head. The kernel finds the word at entry + futex_offset,
    // which may point anywhere in this process: here into the shared region.
    head_.list.next = &entry_;
    entry_.next = &head_.list;
    head_.futex_offset = reinterpret_cast<char*>(&word) - reinterpret_cast<char*>(&entry_);
    head_.list_op_pending = nullptr;

    const auto tid = static_cast<uint32_t>(::gettid()) & FUTEX_TID_MASK;
    uint32_t seen = word.load();
    while (! word.compare_exchange_weak(seen, (seen & FUTEX_WAITERS) | tid)) {}
    if (::syscall(SYS_set_robust_list, &head_, sizeof head_) != 0)
    {
        word.fetch_and(FUTEX_WAITERS); // not owned after all
        return false;
    }
    word_ = &word;
    return true;
}

void RobustClaim::release() noexcept
{
    if (word_ == nullptr)
        return;
    if (previousHead_ != nullptr)
        ::syscall(SYS_set_robust_list, previousHead_, previousLength_);
    else
        ::syscall(SYS_set_robust_list, nullptr, sizeof head_); // the kernel walks no list at exit
    if ((word_->fetch_and(~(FUTEX_TID_MASK | FUTEX_WAITERS)) & FUTEX_WAITERS) != 0)
        futexWake(*word_);
    word_ = nullptr;
}

} // namespace loophole::signal::sandbox
