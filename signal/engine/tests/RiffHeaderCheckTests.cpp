// WAV headers are vetted before JUCE opens them: the fuzzer's hostile files are refused with a
// reason, and the files the engine really plays pass.
#include "control/content/RiffHeaderCheck.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <cstring>

using namespace loophole::signal;

namespace {

juce::File corpusFile(const char* name)
{
    return juce::File(LOOPHOLE_AUDIO_FUZZ_CORPUS).getChildFile(name);
}

} // namespace

TEST(RiffHeaderCheck, RefusesAChunkThatClaimsMoreThanTheFile)
{
    const auto problem = riffHeaderProblem(corpusFile("regression-wav-bext-chunk-slow-parse"));
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("past the end of the file"), std::string::npos) << *problem;
}

TEST(RiffHeaderCheck, RefusesTheFuzzersChannelMaskFile)
{
    // Its fmt chunk is also oversized, which is what stops it first.
    EXPECT_TRUE(riffHeaderProblem(corpusFile("regression-wav-channel-mask-invalid-enum")).has_value());
}

TEST(RiffHeaderCheck, PassesOrdinaryFiles)
{
    for (const char* name : { "int16-mono.wav", "int24.wav", "float32.wav", "int24.aiff", "int16.flac", "stereo.ogg" })
        EXPECT_FALSE(riffHeaderProblem(corpusFile(name)).has_value()) << name;
}

juce::MemoryBlock extensibleWav()
{
    juce::MemoryBlock block;
    juce::WavAudioFormat wav;
    auto* out = new juce::MemoryOutputStream(block, false);
    std::unique_ptr<juce::AudioFormatWriter> writer(
        wav.createWriterFor(out, 48000.0, juce::AudioChannelSet::create5point1(), 24, {}, 0));
    juce::AudioBuffer<float> audio(6, 480);
    audio.clear();
    if (writer == nullptr || ! writer->writeFromAudioSampleBuffer(audio, 0, audio.getNumSamples()))
        return {};
    writer.reset();
    return block;
}

TEST(RiffHeaderCheck, PassesAnExtensibleWavJuceWrote)
{
    const auto block = extensibleWav();
    ASSERT_GT(block.getSize(), 0u);
    juce::MemoryInputStream stream(block, false);
    EXPECT_FALSE(riffHeaderProblem(stream).has_value());
}

TEST(RiffHeaderCheck, RefusesAChannelMaskWithUnnamedSpeakers)
{
    auto block = extensibleWav();
    auto* bytes = static_cast<uint8_t*>(block.getData());
    size_t fmt = 0;
    while (fmt + 4 < block.getSize() && std::memcmp(bytes + fmt, "fmt ", 4) != 0)
        ++fmt;
    ASSERT_LT(fmt + 8 + 24, block.getSize());
    ASSERT_EQ(bytes[fmt + 8] | (bytes[fmt + 9] << 8), 0xFFFE) << "JUCE wrote a plain WAV, not an extensible one";
    bytes[fmt + 8 + 20 + 2] |= 0x10; // bit 20 of the channel mask: no speaker has it
    juce::MemoryInputStream stream(block, false);
    const auto problem = riffHeaderProblem(stream);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("channel mask"), std::string::npos) << *problem;
}
