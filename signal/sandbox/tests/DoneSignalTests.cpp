// The host's death notice (rt/RobustClaim.h, rt/DoneSignal.h) on its own, without plugins:
// a block thread that dies holding its claim, in another process (kill -9) or in this one,
// ends the engine's wait at once; one that stops cleanly is not taken for dead; a published
// `done` wakes the engine.
#include "rt/DoneSignal.h"
#include "rt/Futex.h"
#include "rt/RobustClaim.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <new>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace loophole::signal::sandbox;
using namespace std::chrono_literals;

namespace {

/// A BlockHeader in memory shared with forked children, as the real region is.
class SharedHeader
{
public:
    SharedHeader()
        : memory_(::mmap(nullptr, sizeof(BlockHeader), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0))
    {
        header_ = new (memory_) BlockHeader;
    }
    ~SharedHeader() { ::munmap(memory_, sizeof(BlockHeader)); }
    BlockHeader& operator*() { return *header_; }

private:
    void* memory_;
    BlockHeader* header_;
};

constexpr int64_t twoSeconds = 2'000'000'000;

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

} // namespace

TEST(DoneSignal, AHostProcessKilledWhileTheEngineWaitsEndsTheWaitAtOnce)
{
    SharedHeader header;
    const pid_t host = ::fork();
    ASSERT_GE(host, 0);
    if (host == 0)
    {
        RobustClaim claim;
        if (! claim.claim((*header).hostLife))
            ::_exit(1);
        for (;;)
            ::pause(); // "stuck in the plugin": never publishes done
    }
    while (((*header).hostLife.load() & FUTEX_TID_MASK) == 0)
        std::this_thread::sleep_for(1ms);

    std::chrono::steady_clock::time_point killedAt;
    std::thread killer([&] {
        std::this_thread::sleep_for(100ms);
        killedAt = std::chrono::steady_clock::now();
        ::kill(host, SIGKILL);
    });
    const auto start = std::chrono::steady_clock::now();
    const auto outcome = waitForDone(*header, 1, monotonicAfter(twoSeconds));
    const auto ended = std::chrono::steady_clock::now();
    killer.join();
    ::waitpid(host, nullptr, 0);

    EXPECT_EQ(outcome, DoneWait::HostDied);
    EXPECT_GE(ended, killedAt) << "the wait ended before the host died";
    EXPECT_LT(ended - start, 1000ms) << "the wait ran on towards its 2 s deadline";
    EXPECT_TRUE(hostDied(*header));
    // Later blocks learn it without waiting at all.
    const auto again = std::chrono::steady_clock::now();
    EXPECT_EQ(waitForDone(*header, 1, monotonicAfter(twoSeconds)), DoneWait::HostDied);
    EXPECT_LT(since(again), 1000ms);
}

TEST(DoneSignal, ABlockThreadThatEndsHoldingItsClaimIsReportedDead)
{
    SharedHeader header;
    RobustClaim claim; // outlives the thread: the kernel reads its list as the thread exits
    std::thread dies([&] { claim.claim((*header).hostLife); }); // ends without release()
    dies.join();
    EXPECT_TRUE(hostDied(*header));
    EXPECT_EQ(waitForDone(*header, 1, monotonicAfter(twoSeconds)), DoneWait::HostDied);
}

TEST(DoneSignal, ABlockThreadThatStopsCleanlyIsNotTakenForDead)
{
    SharedHeader header;
    std::thread stops([&] {
        RobustClaim claim;
        ASSERT_TRUE(claim.claim((*header).hostLife));
        EXPECT_NE((*header).hostLife.load() & FUTEX_TID_MASK, 0u);
        claim.release();
    });
    stops.join();
    EXPECT_FALSE(hostDied(*header));
    EXPECT_EQ((*header).hostLife.load(), 0u);
    EXPECT_EQ(waitForDone(*header, 1, monotonicAfter(20'000'000)), DoneWait::Late);
}

TEST(DoneSignal, APublishedBlockWakesTheWaitingEngine)
{
    SharedHeader header;
    std::thread host([&] {
        RobustClaim claim;
        claim.claim((*header).hostLife);
        std::this_thread::sleep_for(50ms); // the engine is asleep by now
        publishDone(*header, 1);
        claim.release();
    });
    const auto start = std::chrono::steady_clock::now();
    const auto outcome = waitForDone(*header, 1, monotonicAfter(twoSeconds));
    const auto waited = since(start);
    host.join();
    EXPECT_EQ(outcome, DoneWait::Done);
    EXPECT_LT(waited, 1000ms);
    EXPECT_FALSE(hostDied(*header));
}
