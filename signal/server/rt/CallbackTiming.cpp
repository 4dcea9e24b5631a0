#include "rt/CallbackTiming.h"

namespace loophole::signal {

void CallbackTiming::prepare(double sampleRate) noexcept
{
    if (sampleRate > 0)
        nanosecondsPerSample.store(1e9 / sampleRate, std::memory_order_relaxed);
}

void CallbackTiming::record(Clock::time_point start, Clock::time_point end, int numSamples) noexcept
{
    if (numSamples <= 0)
        return;
    const double blockNs = numSamples * nanosecondsPerSample.load(std::memory_order_relaxed);
    const double tookNs = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
    const auto load = static_cast<float>(tookNs / blockNs);
    if (load > 1.0f)
        overrunCount.fetch_add(1, std::memory_order_relaxed);
    // Only the telemetry thread competes (it resets to 0), so this loop ends within a retry or two.
    float peak = peakLoad.load(std::memory_order_relaxed);
    while (load > peak && ! peakLoad.compare_exchange_weak(peak, load, std::memory_order_relaxed))
    {
    }
}

} // namespace loophole::signal
