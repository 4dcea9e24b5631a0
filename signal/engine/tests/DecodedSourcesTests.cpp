// Which sources an offline render keeps decoded (DecodedSources), and that decoded audio is
// the same floats a clip stream reads from the file. Whole renders with and without it are
// compared byte for byte in RenderReferenceTests.
#include "TestGraphs.h"

#include "control/content/DecodedSources.h"
#include "rt/content/ClipStream.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {

constexpr int fileFrames = 48000;

struct Files
{
    juce::AudioFormatManager formats;
    Files() { formats.registerBasicFormats(); }
    std::unique_ptr<juce::AudioFormatReader> reader(const std::string& path)
    {
        return std::unique_ptr<juce::AudioFormatReader>(formats.createReaderFor(juce::File(path)));
    }
};

std::string ramp() { return writeTestWav("ramp.wav", fileFrames); }

/// A clip of `length` frames on its own track, looping `loop` frames from `offset` (0: no loop).
ipc::AudioClipT& clipOn(GraphBuilder& b, uint32_t id, const std::string& file, int64_t offset, int64_t loop,
                        int64_t length)
{
    auto& clip = b.clip(b.channel(id, Kind::Audio), id, file, 0, length);
    clip.source_offset = offset;
    clip.loop_length = loop;
    return clip;
}

} // namespace

TEST(DecodedSources, AFileReadAtLeastTwiceOverIsDecodedOnceForEveryClipOnIt)
{
    Files files;
    GraphBuilder b;
    b.master();
    auto& loop = clipOn(b, 2, ramp(), 500, 1000, 10000); // reads [500, 1500) ten times
    auto& once = clipOn(b, 3, ramp(), 2000, 0, 300);     // reads [2000, 2300) once
    DecodedSources sources(b.graph, defaultDecodedAudioBudget);
    auto reader = files.reader(ramp());
    const auto decoded = sources.forClip(loop, *reader, juce::File(ramp()));
    ASSERT_NE(decoded, nullptr);
    EXPECT_EQ(sources.forClip(once, *reader, juce::File(ramp())), decoded) << "one copy per file";
    EXPECT_EQ(decoded->first, 500);
    EXPECT_EQ(decoded->frames, 1800); // both clips' frames, from the first to the last
    for (int64_t i = 0; i < decoded->frames; ++i)
    {
        ASSERT_EQ(decoded->left[static_cast<size_t>(i)], sourceValue(500 + i)) << i;
        ASSERT_EQ(decoded->right[static_cast<size_t>(i)], sourceValue(500 + i)) << i;
    }
}

TEST(DecodedSources, AFileReadOnceStreams)
{
    Files files;
    GraphBuilder b;
    b.master();
    auto& clip = clipOn(b, 2, ramp(), 0, 30000, 40000); // 40000 frames read from 30000: not twice over
    DecodedSources sources(b.graph, defaultDecodedAudioBudget);
    EXPECT_EQ(sources.forClip(clip, *files.reader(ramp()), juce::File(ramp())), nullptr);
}

TEST(DecodedSources, TheBudgetBoundsWhatIsKept)
{
    Files files;
    const auto other = writeTestWav("ramp-other.wav", fileFrames);
    GraphBuilder b;
    b.master();
    auto& first = clipOn(b, 2, ramp(), 0, 1000, 5000);  // 1000 frames: 8000 bytes
    auto& second = clipOn(b, 3, other, 0, 1000, 5000);  // as many again
    auto& none = clipOn(b, 4, ramp(), 0, 1000, 5000);
    {
        DecodedSources sources(b.graph, 12000);
        EXPECT_NE(sources.forClip(first, *files.reader(ramp()), juce::File(ramp())), nullptr);
        EXPECT_EQ(sources.forClip(second, *files.reader(other), juce::File(other)), nullptr) << "over budget";
    }
    DecodedSources nothing(b.graph, 0);
    EXPECT_EQ(nothing.forClip(none, *files.reader(ramp()), juce::File(ramp())), nullptr);
}

TEST(DecodedSources, FramesPastTheFileAreSilenceAndNotKept)
{
    Files files;
    GraphBuilder b;
    b.master();
    auto& clip = clipOn(b, 2, ramp(), fileFrames - 1000, 2000, 8000); // half its loop lies past the end
    DecodedSources sources(b.graph, defaultDecodedAudioBudget);
    const auto decoded = sources.forClip(clip, *files.reader(ramp()), juce::File(ramp()));
    ASSERT_NE(decoded, nullptr);
    EXPECT_EQ(decoded->frames, 1000);
    float left[20], right[20];
    decoded->read(fileFrames - 10, 20, FrameSink{ left, right });
    EXPECT_EQ(left[9], sourceValue(fileFrames - 1));
    EXPECT_EQ(left[10], 0.0f);
    EXPECT_EQ(right[19], 0.0f);
}

TEST(DecodedSources, AnAiffDecodesToTheFloatsItsClipStreamReads)
{
    // Not a WAV: decoded by JUCE's reader, as ClipStream streams it, a mono file into both sides.
    const auto file = juce::File(ramp()).getSiblingFile("noise-mono.aiff");
    if (!file.existsAsFile())
    {
        juce::AudioBuffer<float> audio(1, 6000);
        juce::Random random(3);
        for (int i = 0; i < audio.getNumSamples(); ++i)
            audio.setSample(0, i, random.nextFloat() - 0.5f);
        juce::AiffAudioFormat aiff;
        std::unique_ptr<juce::AudioFormatWriter> writer(
            aiff.createWriterFor(new juce::FileOutputStream(file), 48000.0, 1, 24, {}, 0));
        ASSERT_NE(writer, nullptr);
        writer->writeFromAudioSampleBuffer(audio, 0, audio.getNumSamples());
    }
    Files files;
    const auto path = file.getFullPathName().toStdString();
    const auto decoded = decodeRegion(*files.reader(path), file, 100, 5100);
    ASSERT_NE(decoded, nullptr);

    ClipStream::Source source;
    source.reader = files.reader(path);
    source.file = file;
    source.sourceOffset = 100;
    source.length = 5000;
    ClipStream stream(std::move(source), ClipStream::Mode::OnDemand);
    std::vector<float> left(5000), right(5000);
    float* both[2] = { left.data(), right.data() };
    stream.read(0, both, 5000);
    for (size_t i = 0; i < left.size(); ++i)
    {
        ASSERT_EQ(decoded->left[i], left[i]) << i;
        ASSERT_EQ(decoded->right[i], right[i]) << i;
    }
}
