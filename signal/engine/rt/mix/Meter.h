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

    /// Peak and sum of squares in one pass, sixteen samples at a time in four independent
    /// vectors (GCC/Clang vector extensions: the plain loop does not vectorise without
    /// -ffast-math). One accumulator would chain every add on the one before it, which made
    /// metering the most expensive step of a channel.
    static Measure measure(const float* x, int n) noexcept
    {
        using Lanes = float __attribute__((vector_size(16)));
        constexpr int ways = 4;
        Lanes peak[ways] = {}, sum[ways] = {};
        int i = 0;
        for (; i + 4 * ways <= n; i += 4 * ways)
            for (int w = 0; w < ways; ++w)
            {
                Lanes v;
                std::memcpy(&v, x + i + 4 * w, sizeof v);
                const Lanes magnitude = v < 0 ? -v : v;
                peak[w] = magnitude > peak[w] ? magnitude : peak[w];
                sum[w] += v * v;
            }
        Measure m{ 0.0f, 0.0 };
        for (int w = 0; w < ways; ++w)
            for (int k = 0; k < 4; ++k)
            {
                m.peak = std::max(m.peak, peak[w][k]);
                m.squares += sum[w][k];
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
