#include "rtcheck/RtCheck.h"

#include <atomic>

namespace loophole::rtcheck {
namespace {
std::atomic<uint64_t> counts[static_cast<int>(Violation::Count)];
// initial-exec: reading the flag from inside malloc must not itself allocate a TLS block.
thread_local int audioDepth __attribute__((tls_model("initial-exec"))) = 0;
} // namespace

const char* nameOf(Violation kind) noexcept
{
    switch (kind)
    {
        case Violation::Allocation: return "Allocation";
        case Violation::Deallocation: return "Deallocation";
        case Violation::Lock: return "Lock";
        case Violation::Wait: return "Wait";
        case Violation::Sleep: return "Sleep";
        case Violation::FileIo: return "FileIo";
        case Violation::Count: break;
    }
    return "?";
}

ScopedAudioThread::ScopedAudioThread() noexcept { ++audioDepth; }
ScopedAudioThread::~ScopedAudioThread() { --audioDepth; }

bool isAudioThread() noexcept { return audioDepth > 0; }

uint64_t violations(Violation kind) noexcept
{
    return counts[static_cast<int>(kind)].load(std::memory_order_relaxed);
}

uint64_t totalViolations() noexcept
{
    uint64_t total = 0;
    for (auto& c : counts)
        total += c.load(std::memory_order_relaxed);
    return total;
}

void resetViolations() noexcept
{
    for (auto& c : counts)
        c.store(0, std::memory_order_relaxed);
}

std::string describeViolations()
{
    std::string text;
    for (int i = 0; i < static_cast<int>(Violation::Count); ++i)
    {
        if (auto n = counts[i].load(); n > 0)
            text += std::string(nameOf(static_cast<Violation>(i))) + "=" + std::to_string(n) + " ";
    }
    return text.empty() ? "none" : text;
}

bool isActive() noexcept
{
#if LOOPHOLE_RTCHECK_DISABLED
    return false;
#else
    return true;
#endif
}

namespace detail {
void record(Violation kind) noexcept
{
    if (audioDepth > 0)
        counts[static_cast<int>(kind)].fetch_add(1, std::memory_order_relaxed);
}
} // namespace detail

} // namespace loophole::rtcheck
