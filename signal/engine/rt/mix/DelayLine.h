// A fixed delay for plugin delay compensation, sized when the plan is compiled.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <vector>

namespace loophole::signal {

class DelayLine
{
public:
    DelayLine() = default;
    explicit DelayLine(int delaySamples) : ring(static_cast<size_t>(delaySamples), 0.0f) {}

    int delay() const noexcept { return static_cast<int>(ring.size()); }

    /// dest[i] += gain * input[i - delay]
    void addDelayed(const float* input, float gain, float* dest, int n) noexcept
    {
        if (ring.empty())
        {
            juce::FloatVectorOperations::addWithMultiply(dest, input, gain, n);
            return;
        }
        const size_t size = ring.size();
        for (int i = 0; i < n; ++i)
        {
            dest[i] += ring[position];
            ring[position] = gain * input[i];
            if (++position == size)
                position = 0;
        }
    }

    /// dest[i] += gain[i] * input[i - delay]
    void addDelayed(const float* input, const float* gain, float* dest, int n) noexcept
    {
        if (ring.empty())
        {
            for (int i = 0; i < n; ++i)
                dest[i] += gain[i] * input[i];
            return;
        }
        const size_t size = ring.size();
        for (int i = 0; i < n; ++i)
        {
            dest[i] += ring[position];
            ring[position] = gain[i] * input[i];
            if (++position == size)
                position = 0;
        }
    }

private:
    std::vector<float> ring;
    size_t position = 0;
};

} // namespace loophole::signal
