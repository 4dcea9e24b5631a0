// How long each audio callback takes against the time its block lasts: the engine's own
// lateness, told apart from the device's xruns (a JACK server that woke late, a callback the
// system never scheduled in time). Written by the audio thread with two reads of the
// monotonic clock (vDSO, no syscall); read by the telemetry thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace loophole::signal {

class CallbackTiming
{
public:
    using Clock = std::chrono::steady_clock;

    /// Control thread, while the device is not processing.
    void prepare(double sampleRate) noexcept;

    /// Audio thread: one callback of `numSamples` ran from `start` to `end`.
    void record(Clock::time_point start, Clock::time_point end, int numSamples) noexcept;

    /// Callbacks that took longer than their block, since the start.
    uint32_t overruns() const noexcept { return overrunCount.load(std::memory_order_relaxed); }

    /// The longest callback since the previous call, as a share of its block (1 = the whole block).
    float takePeakLoad() noexcept { return peakLoad.exchange(0.0f, std::memory_order_relaxed); }

private:
    std::atomic<double> nanosecondsPerSample { 1e9 / 48000.0 };
    std::atomic<uint32_t> overrunCount { 0 };
    std::atomic<float> peakLoad { 0.0f };
};

} // namespace loophole::signal
