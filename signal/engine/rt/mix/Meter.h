// Peak and RMS of one channel, accumulated on the audio thread and taken by the control
// thread through atomics (take() resets). Fields are read independently; a meter frame may
// straddle two blocks, which is invisible on screen.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

namespace loophole::signal {

struct MeterReading
{
    float peakLeft = 0, peakRight = 0, rmsLeft = 0, rmsRight = 0;
};

class Meter
{
public:
    void add(const float* left, const float* right, int n) noexcept
    {
        const auto l = measure(left, n);
        const auto r = measure(right, n);
        raise(peakLeft, l.peak);
        raise(peakRight, r.peak);
        squaresLeft.fetch_add(l.squares, std::memory_order_relaxed);
        squaresRight.fetch_add(r.squares, std::memory_order_relaxed);
        frames.fetch_add(n, std::memory_order_relaxed);
    }

    MeterReading take() noexcept
    {
        MeterReading r;
        r.peakLeft = peakLeft.exchange(0.0f);
        r.peakRight = peakRight.exchange(0.0f);
        const double sumL = squaresLeft.exchange(0.0);
        const double sumR = squaresRight.exchange(0.0);
        const auto n = frames.exchange(0);
        if (n > 0)
        {
            r.rmsLeft = static_cast<float>(std::sqrt(sumL / static_cast<double>(n)));
            r.rmsRight = static_cast<float>(std::sqrt(sumR / static_cast<double>(n)));
        }
        return r;
    }

private:
    struct Measure
    {
        float peak;
        double squares;
    };

    /// Peak and sum of squares in one pass, four lanes at a time (GCC/Clang vector
    /// extensions: the plain loop does not vectorise without -ffast-math).
    static Measure measure(const float* x, int n) noexcept
    {
        using Lanes = float __attribute__((vector_size(16)));
        Lanes peak = {}, sum = {};
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            Lanes v;
            std::memcpy(&v, x + i, sizeof v);
            const Lanes magnitude = v < 0 ? -v : v;
            peak = magnitude > peak ? magnitude : peak;
            sum += v * v;
        }
        Measure m{ 0.0f, 0.0 };
        for (int k = 0; k < 4; ++k)
        {
            m.peak = std::max(m.peak, peak[k]);
            m.squares += sum[k];
        }
        for (; i < n; ++i)
        {
            m.peak = std::max(m.peak, std::fabs(x[i]));
            m.squares += static_cast<double>(x[i]) * x[i];
        }
        return m;
    }

    static void raise(std::atomic<float>& peak, float value) noexcept
    {
        float seen = peak.load(std::memory_order_relaxed);
        while (value > seen && !peak.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {}
    }

    std::atomic<float> peakLeft{0}, peakRight{0};
    std::atomic<double> squaresLeft{0}, squaresRight{0};
    std::atomic<long long> frames{0};
};

} // namespace loophole::signal
