// Peak and RMS of one channel, accumulated on the audio thread and taken by the control
// thread through atomics (take() resets). Fields are read independently; a meter frame may
// straddle two blocks, which is invisible on screen.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace loophole::signal {

struct MeterReading
{
    float peakLeft = 0, peakRight = 0, rmsLeft = 0, rmsRight = 0;
};

class Meter
{
public:
    struct Measure
    {
        float peak;
        double squares;
    };
    using Lanes = float __attribute__((vector_size(16)));

    void add(const float* left, const float* right, int n) noexcept { add(measure(left, n), measure(right, n), n); }

    /// Measures taken by measureEach() while the samples were at hand anyway.
    void add(Measure l, Measure r, int n) noexcept
    {
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

    static Measure measure(const float* x, int n) noexcept
    {
        return measureEach(x, n, [](Lanes v, int) { return v; }, [](float v, int) { return v; });
    }

    /// Peak and sum of squares in one pass, sixteen samples at a time in four independent
    /// vectors (GCC/Clang vector extensions: the plain loop does not vectorise without
    /// -ffast-math). One accumulator would chain every add on the one before it, which made
    /// metering the most expensive step of a channel. The magnitude is the sample with its
    /// sign bit cleared, which compiles to one AND and lets the peak become one MAX (a
    /// compare-and-select for |v| took twice the instructions: perf, 64-track render).
    ///
    /// Measures what `vector(four samples, index)` and `one(sample, index)` return for the
    /// samples of x, so a caller can transform (and store) each sample in the same pass.
    template <typename Vector, typename One>
    static Measure measureEach(const float* x, int n, Vector&& vector, One&& one) noexcept
    {
        using Bits = uint32_t __attribute__((vector_size(16)));
        constexpr int ways = 4;
        Lanes peak[ways] = {}, sum[ways] = {};
        int i = 0;
        for (; i + 4 * ways <= n; i += 4 * ways)
            for (int w = 0; w < ways; ++w)
            {
                Lanes v;
                std::memcpy(&v, x + i + 4 * w, sizeof v);
                v = vector(v, i + 4 * w);
                Bits bits;
                std::memcpy(&bits, &v, sizeof bits);
                bits &= 0x7fffffffu;
                Lanes magnitude;
                std::memcpy(&magnitude, &bits, sizeof magnitude);
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
            const float v = one(x[i], i);
            m.peak = std::max(m.peak, std::fabs(v));
            m.squares += static_cast<double>(v) * v;
        }
        return m;
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
