#include "rt/OutputGuard.h"

#include <gtest/gtest.h>

#include <limits>

using namespace loophole::signal;

TEST(OutputGuard, LeavesCleanAudioAlone)
{
    juce::AudioBuffer<float> audio(2, 64);
    audio.clear();
    for (int i = 0; i < 64; ++i)
        audio.setSample(i % 2, i, 0.25f);
    const juce::AudioBuffer<float> before(audio);
    EXPECT_EQ(guardOutput(audio, 64), OutputVerdict::Clean);
    for (int c = 0; c < 2; ++c)
        EXPECT_EQ(std::memcmp(audio.getReadPointer(c), before.getReadPointer(c), 64 * sizeof(float)), 0);
}

TEST(OutputGuard, FlushesDenormalsToZero)
{
    juce::AudioBuffer<float> audio(1, 4);
    audio.setSample(0, 0, 1.0e-40f);
    audio.setSample(0, 1, -1.0e-39f);
    audio.setSample(0, 2, 0.5f);
    audio.setSample(0, 3, 0.0f);
    EXPECT_EQ(guardOutput(audio, 4), OutputVerdict::Clean);
    EXPECT_EQ(audio.getSample(0, 0), 0.0f);
    EXPECT_EQ(audio.getSample(0, 1), 0.0f);
    EXPECT_EQ(audio.getSample(0, 2), 0.5f);
}

TEST(OutputGuard, MutesTheBlockOnNanOrInf)
{
    for (float bad : { std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                       -std::numeric_limits<float>::infinity() })
    {
        juce::AudioBuffer<float> audio(2, 32);
        audio.clear();
        audio.setSample(0, 3, 0.5f);
        audio.setSample(1, 17, bad);
        EXPECT_EQ(guardOutput(audio, 32), OutputVerdict::Muted);
        EXPECT_EQ(audio.getMagnitude(0, 32), 0.0f);
    }
}
