#include "rt/CallbackTiming.h"

#include <gtest/gtest.h>

using namespace loophole::signal;
using namespace std::chrono_literals;

TEST(CallbackTiming, CountsOnlyCallbacksLongerThanTheirBlockAndKeepsThePeakUntilRead)
{
    CallbackTiming timing;
    timing.prepare(48000.0); // 64 frames last 1333 µs
    const auto start = CallbackTiming::Clock::now();
    timing.record(start, start + 400us, 64);
    EXPECT_EQ(timing.overruns(), 0u);
    timing.record(start, start + 2000us, 64);
    timing.record(start, start + 100us, 64);
    EXPECT_EQ(timing.overruns(), 1u);
    EXPECT_NEAR(timing.takePeakLoad(), 1.5f, 0.01f);
    EXPECT_EQ(timing.takePeakLoad(), 0.0f) << "the peak restarts after each read";

    timing.prepare(96000.0); // 256 frames last 2667 µs
    timing.record(start, start + 2000us, 256);
    EXPECT_EQ(timing.overruns(), 1u);
    EXPECT_NEAR(timing.takePeakLoad(), 0.75f, 0.01f);
}
