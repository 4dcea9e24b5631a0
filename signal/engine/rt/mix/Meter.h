// Peak and RMS of one channel, accumulated on the audio thread and taken by the control
// thread through atomics (take() resets). Fields are read independently; a meter frame may
// straddle two blocks, which is invisible on screen.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <atomic>
#include <cmath>

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
        raise(peakLeft, peakOf(left, n));
        raise(peakRight, peakOf(right, n));
        squaresLeft.fetch_add(sumOfSquares(left, n), std::memory_order_relaxed);
        squaresRight.fetch_add(sumOfSquares(right, n), std::memory_order_relaxed);
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
    static float peakOf(const float* x, int n) noexcept
    {
        const auto range = juce::FloatVectorOperations::findMinAndMax(x, n);
        return std::max(-range.getStart(), range.getEnd());
    }

    static double sumOfSquares(const float* x, int n) noexcept
    {
        // Eight independent partial sums so the compiler can vectorise without -ffast-math.
        float partial[8] = {};
        int i = 0;
        for (; i + 8 <= n; i += 8)
            for (int k = 0; k < 8; ++k)
                partial[k] += x[i + k] * x[i + k];
        double total = 0.0;
        for (float p : partial)
            total += p;
        for (; i < n; ++i)
            total += static_cast<double>(x[i]) * x[i];
        return total;
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
