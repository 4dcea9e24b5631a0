// TPDF dither for a render written as 16- or 24-bit integers. Without it every sample is cut
// to the step below it (JUCE's WAV writer rounds to 32 bits, then shifts), so quiet passages
// and fade tails become distortion that follows the music, with a half-step offset. Adding
// the difference of two uniform values of one step each, plus half a step, makes the error
// noise independent of the signal, with no offset: the mean of floor(x + 1/2 + u1 - u2) is x.
// One generator per channel from a fixed seed, so equal input gives equal bytes on every run
// and for every block size.
#pragma once

#include <juce_core/juce_core.h>

#include <vector>

namespace loophole::signal {

class TriangularDither
{
public:
    /// For output quantised to `bits` (16 or 24) integer bits.
    TriangularDither(int channels, int bits) : step(1.0f / static_cast<float>(1 << (bits - 1)))
    {
        for (int c = 0; c < channels; ++c)
            generators.emplace_back(0x100900 + c);
    }

    /// Dithers frames [0, n) of each channel in place.
    void apply(float* const* channels, int numChannels, int n) noexcept
    {
        for (int c = 0; c < numChannels && c < static_cast<int>(generators.size()); ++c)
        {
            auto& random = generators[static_cast<size_t>(c)];
            for (int i = 0; i < n; ++i)
                channels[c][i] += (0.5f + random.nextFloat() - random.nextFloat()) * step;
        }
    }

private:
    float step;
    std::vector<juce::Random> generators;
};

} // namespace loophole::signal
