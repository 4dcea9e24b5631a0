// The one-pass end of a channel (fader, meter, feed) gives exactly what the three passes it
// replaces give: the same stored samples, the same target, the same meter measure.
#include "mix/FaderPass.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

using namespace loophole::signal;

TEST(FaderPass, MatchesMultiplyMeterAndAddWithMultiplyBitForBit)
{
    juce::Random random(11);
    for (const int n : { 512, 333, 15, 1 })
        for (const auto& [fader, gain] : { std::pair{ 0.43f, 1.0f }, std::pair{ -0.9f, 0.37f }, std::pair{ 0.0f, 2.0f } })
        {
            SCOPED_TRACE(std::to_string(n) + " frames, fader " + std::to_string(fader) + ", gain " + std::to_string(gain));
            std::vector<float> x(static_cast<size_t>(n)), target(static_cast<size_t>(n));
            for (int i = 0; i < n; ++i)
            {
                x[static_cast<size_t>(i)] = i % 5 == 0 ? -0.0f : random.nextFloat() * 4.0f - 2.0f;
                target[static_cast<size_t>(i)] = random.nextFloat() - 0.5f;
            }
            auto expectedX = x, expectedTarget = target;
            juce::FloatVectorOperations::multiply(expectedX.data(), fader, n);
            const auto expectedMeasure = Meter::measure(expectedX.data(), n);
            juce::FloatVectorOperations::addWithMultiply(expectedTarget.data(), expectedX.data(), gain, n);

            const auto measure = faderPass(x.data(), fader, target.data(), gain, n);
            EXPECT_EQ(0, std::memcmp(x.data(), expectedX.data(), sizeof(float) * x.size()));
            EXPECT_EQ(0, std::memcmp(target.data(), expectedTarget.data(), sizeof(float) * target.size()));
            EXPECT_EQ(measure.peak, expectedMeasure.peak);
            EXPECT_EQ(measure.squares, expectedMeasure.squares);
        }
}
