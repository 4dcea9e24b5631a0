// Peak and RMS of one channel, accumulated on the audio thread and taken by the control
// thread through atomics (take() resets). Fields are read independently; a meter frame may
// straddle two blocks, which is invisible on screen.
#pragma once

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
        float peakL = 0, peakR = 0;
        double sumL = 0, sumR = 0;
        for (int i = 0; i < n; ++i)
        {
            peakL = std::fmax(peakL, std::fabs(left[i]));
            peakR = std::fmax(peakR, std::fabs(right[i]));
            sumL += static_cast<double>(left[i]) * left[i];
            sumR += static_cast<double>(right[i]) * right[i];
        }
        raise(peakLeft, peakL);
        raise(peakRight, peakR);
        squaresLeft.fetch_add(sumL, std::memory_order_relaxed);
        squaresRight.fetch_add(sumR, std::memory_order_relaxed);
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
