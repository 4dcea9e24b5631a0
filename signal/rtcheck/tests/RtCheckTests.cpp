// rtcheck must catch what it claims to catch, and only on marked threads.
#include "rtcheck/RtCheck.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace loophole::rtcheck;

namespace {
// Keeps the optimiser from removing an allocation whose result is unused.
void* volatile sink = nullptr;

class RtCheck : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!isActive())
            GTEST_SKIP() << "rtcheck cannot interpose in sanitizer builds";
        resetViolations();
    }
};
} // namespace

TEST_F(RtCheck, CatchesAllocationOnAudioThread)
{
    {
        ScopedAudioThread audio;
        auto* p = new int[16];
        sink = p;
        delete[] p;
        sink = std::malloc(32);
        std::free(sink);
    }
    EXPECT_EQ(violations(Violation::Allocation), 2u);
    EXPECT_EQ(violations(Violation::Deallocation), 2u);
}

TEST_F(RtCheck, CatchesMutexLockOnAudioThread)
{
    std::mutex mutex;
    {
        ScopedAudioThread audio;
        std::lock_guard lock(mutex);
    }
    EXPECT_EQ(violations(Violation::Lock), 1u);
}

TEST_F(RtCheck, CatchesSleepAndFileIo)
{
    {
        ScopedAudioThread audio;
        usleep(1);
        int fd = ::open("/dev/null", O_RDONLY);
        char byte;
        (void) ::read(fd, &byte, 1);
        ::close(fd);
    }
    EXPECT_EQ(violations(Violation::Sleep), 1u);
    EXPECT_EQ(violations(Violation::FileIo), 2u);
}

TEST_F(RtCheck, IgnoresUnmarkedThreads)
{
    std::mutex mutex;
    std::thread other([&] {
        auto p = std::make_unique<int[]>(64);
        sink = p.get();
        std::lock_guard lock(mutex);
        usleep(1);
    });
    other.join();
    auto q = std::make_unique<double>(1.0);
    sink = q.get();
    EXPECT_EQ(totalViolations(), 0u) << describeViolations();
}

TEST_F(RtCheck, MarkingIsPerThread)
{
    std::atomic<int> step{0};
    std::thread other([&] {
        while (step.load() != 1) {}
        sink = std::malloc(8);
        std::free(sink);
        step.store(2);
    });
    {
        ScopedAudioThread audio; // this thread is marked while the other one allocates
        step.store(1);
        while (step.load() != 2) {}
    }
    other.join();
    EXPECT_EQ(violations(Violation::Allocation), 0u) << describeViolations();
}
