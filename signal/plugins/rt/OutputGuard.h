// Checks a hosted plugin's output after every block: NaN or Inf anywhere means the block is
// muted (a single bad sample would poison every downstream filter), and denormals are
// flushed to zero so they cannot stall the CPU further down the graph.
// Real-time safe: one pass over the block, no allocation.
#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <cmath>

namespace loophole::signal {

enum class OutputVerdict { Clean, Muted };

inline OutputVerdict guardOutput(juce::AudioBuffer<float>& audio, int numSamples) noexcept
{
    constexpr float smallestNormal = 1.17549435e-38f;
    bool finite = true;
    for (int ch = 0; ch < audio.getNumChannels(); ++ch)
    {
        float* samples = audio.getWritePointer(ch);
        for (int i = 0; i < numSamples; ++i)
        {
            const float s = samples[i];
            if (! std::isfinite(s))
                finite = false;
            else if (std::fabs(s) < smallestNormal)
                samples[i] = 0.0f;
        }
    }
    if (finite)
        return OutputVerdict::Clean;
    audio.clear(0, numSamples);
    return OutputVerdict::Muted;
}

} // namespace loophole::signal
