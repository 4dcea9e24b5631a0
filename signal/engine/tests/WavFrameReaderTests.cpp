// The fast WAV path of clip streaming gives exactly the floats JUCE's reader gives, for
// every format it accepts, and declines the formats it does not decode itself.
#include "content/WavFrameReader.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace loophole::signal;

namespace {

juce::File testFile(const juce::String& name)
{
    auto dir = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("loophole-wav-frame-reader");
    dir.createDirectory();
    return dir.getChildFile(name);
}

/// Full-scale noise with the extremes in it, so clipping and sign handling are exercised.
juce::File writeNoise(juce::AudioFormat& format, const juce::String& name, int channels, int bits, int frames)
{
    const auto file = testFile(name);
    file.deleteFile();
    juce::AudioBuffer<float> audio(channels, frames);
    juce::Random random(42 + bits + channels);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            audio.setSample(c, i, random.nextFloat() * 2.2f - 1.1f);
    audio.setSample(0, 1, 1.0f);
    audio.setSample(0, 2, -1.0f);
    audio.setSample(0, 3, 0.0f);
    std::unique_ptr<juce::AudioFormatWriter> writer(format.createWriterFor(
        new juce::FileOutputStream(file), 48000.0, static_cast<unsigned>(channels), bits, {}, 0));
    writer->writeFromAudioSampleBuffer(audio, 0, frames);
    return file;
}

std::unique_ptr<juce::AudioFormatReader> juceReader(const juce::File& file)
{
    juce::AudioFormatManager formats;
    formats.registerBasicFormats();
    return std::unique_ptr<juce::AudioFormatReader>(formats.createReaderFor(file));
}

/// A WAV of noise (as writeNoise makes it) and its two readers: JUCE's and the fast path's.
struct NoiseWav
{
    NoiseWav(const juce::String& name, int channels, int bits, int frames)
        : file(writeNoise(wav, name, channels, bits, frames)), juce(juceReader(file)),
          fast(juce ? WavFrameReader::open(file, *juce) : nullptr)
    {
    }

    ::testing::AssertionResult opened() const
    {
        if (juce == nullptr)
            return ::testing::AssertionFailure() << "JUCE cannot read " << file.getFileName();
        if (fast == nullptr)
            return ::testing::AssertionFailure() << "a plain WAV takes the fast path, yet not " << file.getFileName();
        return ::testing::AssertionSuccess();
    }

    juce::WavAudioFormat wav;
    const juce::File file;
    const std::unique_ptr<juce::AudioFormatReader> juce;
    const std::unique_ptr<WavFrameReader> fast;
};

/// Reads [start, start+n) both ways and requires the same bits.
void expectSameAsJuce(juce::AudioFormatReader& juce, WavFrameReader& fast, int64_t start, int n)
{
    juce::AudioBuffer<float> expected(2, n), actual(2, n);
    expected.clear();
    actual.clear();
    ASSERT_TRUE(juce.read(&expected, 0, n, start, true, true));
    ASSERT_TRUE(fast.read(start, n, actual.getWritePointer(0), actual.getWritePointer(1)));
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < n; ++i)
        {
            const float e = expected.getSample(c, i), a = actual.getSample(c, i);
            ASSERT_EQ(0, std::memcmp(&e, &a, sizeof e))
                << "channel " << c << ", frame " << start + i << ": JUCE " << e << ", fast path " << a;
        }
}

} // namespace

TEST(WavFrameReader, DecodesEveryPcmFormatExactlyAsJuceDoes)
{
    constexpr int frames = 20000;
    for (int channels : { 1, 2, 3 })
        for (int bits : { 16, 24, 32 })
        {
            SCOPED_TRACE(std::to_string(channels) + " channels, " + std::to_string(bits) + " bits");
            const NoiseWav noise("noise.wav", channels, bits, frames);
            ASSERT_TRUE(noise.opened());
            expectSameAsJuce(*noise.juce, *noise.fast, 0, frames);        // in chunks, all of it
            expectSameAsJuce(*noise.juce, *noise.fast, 777, 333);         // an odd window
            expectSameAsJuce(*noise.juce, *noise.fast, -100, 600);        // before the start: silence
            expectSameAsJuce(*noise.juce, *noise.fast, frames - 50, 700); // past the end: silence
        }
}

TEST(WavFrameReader, AddingIntoAMixGivesTheFloatsOfDecodingThenAdding)
{
    // Offline renders decode straight into the mix (a FrameSink that adds times the clip
    // gain); that must be bit for bit what decoding and then JUCE's addWithMultiply gives,
    // silence past the ends and a -0 in the mix included.
    constexpr int frames = 6000;
    juce::Random random(3);
    for (int channels : { 1, 2 })
        for (int bits : { 16, 24, 32 })
        {
            SCOPED_TRACE(std::to_string(channels) + " channels, " + std::to_string(bits) + " bits");
            const NoiseWav noise("add.wav", channels, bits, frames);
            ASSERT_TRUE(noise.opened());
            for (const auto& [start, n] : { std::pair{ 0, frames }, std::pair{ 777, 1001 }, std::pair{ -100, 603 },
                                            std::pair{ frames - 50, 701 } })
                for (const float gain : { 0.7f, -1.3f })
                {
                    juce::AudioBuffer<float> decoded(2, n), expected(2, n), actual(2, n);
                    ASSERT_TRUE(noise.fast->read(start, n, decoded.getWritePointer(0), decoded.getWritePointer(1)));
                    for (int c = 0; c < 2; ++c)
                        for (int i = 0; i < n; ++i)
                            expected.setSample(c, i, i % 7 == 0 ? -0.0f : random.nextFloat() - 0.5f);
                    actual.makeCopyOf(expected);
                    for (int c = 0; c < 2; ++c)
                        juce::FloatVectorOperations::addWithMultiply(expected.getWritePointer(c), decoded.getReadPointer(c),
                                                                     gain, n);
                    ASSERT_TRUE(noise.fast->read(
                        start, n, FrameSink{ actual.getWritePointer(0), actual.getWritePointer(1), gain, true }));
                    for (int c = 0; c < 2; ++c)
                        ASSERT_EQ(0, std::memcmp(expected.getReadPointer(c), actual.getReadPointer(c), sizeof(float) * n))
                            << "channel " << c << ", frames " << start << " + " << n << ", gain " << gain;
                }
        }
}

TEST(WavFrameReader, ThirtyTwoBitIntegerFilesRoundLikeJuce)
{
    // JUCE's writer makes 32-bit WAVs float; integer ones come from other programs. Write one
    // by hand (a 44-byte header, little-endian samples) with values a float cannot hold
    // exactly, so the rounding of the conversion is what is compared.
    const auto file = testFile("int32.wav");
    file.deleteFile();
    constexpr int frames = 4000;
    juce::MemoryOutputStream data;
    for (int i = 0; i < frames * 2; ++i)
        data.writeInt(static_cast<int>(0x7FFFFFFFu - static_cast<uint32_t>(i) * 987654321u));
    juce::FileOutputStream out(file);
    out.write("RIFF", 4);
    out.writeInt(static_cast<int>(36 + data.getDataSize()));
    out.write("WAVEfmt ", 8);
    out.writeInt(16);
    out.writeShort(1); // PCM
    out.writeShort(2);
    out.writeInt(48000);
    out.writeInt(48000 * 8);
    out.writeShort(8);
    out.writeShort(32);
    out.write("data", 4);
    out.writeInt(static_cast<int>(data.getDataSize()));
    out.write(data.getData(), data.getDataSize());
    out.flush();

    auto juce = juceReader(file);
    ASSERT_NE(juce, nullptr);
    ASSERT_FALSE(juce->usesFloatingPointData);
    auto fast = WavFrameReader::open(file, *juce);
    ASSERT_NE(fast, nullptr);
    expectSameAsJuce(*juce, *fast, 0, frames);
}

TEST(WavFrameReader, LeavesOtherFormatsToJuce)
{
    juce::WavAudioFormat wav;
    juce::AiffAudioFormat aiff;
    const auto eightBit = writeNoise(wav, "eight.wav", 2, 8, 3000);
    const auto aiffFile = writeNoise(aiff, "noise.aiff", 2, 24, 3000);
    for (const auto& file : { eightBit, aiffFile })
    {
        auto juce = juceReader(file);
        ASSERT_NE(juce, nullptr) << file.getFileName();
        EXPECT_EQ(WavFrameReader::open(file, *juce), nullptr) << file.getFileName();
    }
}
