// Offline render against a fixed reference: a small mix of streamed clips (16/24-bit,
// mono and stereo sources, offsets, loops, fades, gains, pans, sends, pan automation)
// rendered to every output format must keep the exact bytes it had when the reference
// was taken. Speed work on the streaming reader and the mix must never change the sound;
// this is what proves it. Update a checksum only for a deliberate change of the output,
// and say so in the commit.
#include "TestGraphs.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {

constexpr int64_t renderLength = 30000;

juce::File referenceDir()
{
    auto dir = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("loophole-render-reference");
    dir.createDirectory();
    return dir;
}

/// Noise-like audio from a fixed seed, so every machine writes the same source bytes.
std::string noiseWav(const std::string& name, int channels, int bits, int frames, int64_t seed)
{
    const auto file = referenceDir().getChildFile(name);
    file.deleteFile();
    juce::AudioBuffer<float> audio(channels, frames);
    juce::Random random(seed);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            audio.setSample(c, i, random.nextFloat() * 1.6f - 0.8f);
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer(wav.createWriterFor(
        new juce::FileOutputStream(file), 48000.0, static_cast<unsigned>(channels), bits, {}, 0));
    writer->writeFromAudioSampleBuffer(audio, 0, frames);
    return file.getFullPathName().toStdString();
}

ipc::ChannelT& track(GraphBuilder& b, uint32_t id, uint32_t output, float gain, float pan)
{
    auto& ch = b.channel(id, Kind::Audio, output);
    ch.gain = gain;
    ch.pan = pan;
    return ch;
}

void send(ipc::ChannelT& from, uint32_t id, uint32_t target, float gain, bool preFader)
{
    auto s = std::make_unique<ipc::SendT>();
    s->id = id;
    s->target = target;
    s->gain = gain;
    s->pre_fader = preFader;
    from.sends.push_back(std::move(s));
}

GraphBuilder referenceMix()
{
    const auto stereo24 = noiseWav("stereo24.wav", 2, 24, 20000, 7);
    const auto stereo16 = noiseWav("stereo16.wav", 2, 16, 20000, 8);
    const auto mono24 = noiseWav("mono24.wav", 1, 24, 12000, 9);
    const auto stereoFloat = noiseWav("stereo32f.wav", 2, 32, 9000, 10);

    GraphBuilder b;
    b.master().gain = 0.9f;
    auto& bus = b.channel(3, Kind::Bus);
    bus.gain = 0.7f;
    bus.pan = 0.25f;

    auto& a = track(b, 100, 1, 0.8f, -0.5f);
    auto& aClip = b.clip(a, 1000, stereo24, 0, 25000);
    aClip.source_offset = 300;
    aClip.loop_length = 9000;
    aClip.fade_in = 700;
    aClip.fade_in_shape = ipc::FadeShape::EqualPower;
    send(a, 500, 3, 0.5f, false);

    auto& c = track(b, 101, 3, 1.1f, 0.6f);
    auto& cClip = b.clip(c, 1001, stereo16, 1234, 20000);
    cClip.source_offset = 17;
    cClip.gain = 0.6f;
    cClip.fade_out = 2500;
    cClip.fade_out_shape = ipc::FadeShape::Exponential;

    auto& m = track(b, 102, 1, 0.5f, 0.0f);
    auto& mClip = b.clip(m, 1002, mono24, 5000, 24000);
    mClip.loop_length = 11999;
    mClip.fade_in = 64;
    mClip.fade_out = 5000;
    send(m, 501, 3, 0.25f, true);

    auto& f = track(b, 103, 1, 0.3f, 1.0f);
    b.clip(f, 1003, stereoFloat, 100, 8900);
    b.clip(f, 1004, stereo24, 15000, 14000).source_offset = 5000; // two clips on one track

    auto& p = track(b, 104, 1, 0.7f, 0.0f);
    b.clip(p, 1005, stereo16, 0, renderLength).loop_length = 4096;
    auto pan = std::make_unique<ipc::AutomationCurveT>();
    pan->target = std::make_unique<ipc::ParameterAddress>(104, static_cast<uint32_t>(ipc::ChannelParam::Pan));
    pan->points = { ipc::AutomationPoint(0, -1.0f, ipc::CurveShape::Linear, 0),
                    ipc::AutomationPoint(20000, 1.0f, ipc::CurveShape::Hold, 0) };
    p.automation.push_back(std::move(pan));
    return b;
}

/// 64-bit FNV-1a: a short, stable fingerprint of the rendered file's bytes.
uint64_t fingerprint(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{ std::istreambuf_iterator<char>(in), {} };
    uint64_t hash = 0xcbf29ce484222325ull;
    for (const unsigned char byte : bytes)
        hash = (hash ^ byte) * 0x100000001b3ull;
    return bytes.empty() ? 0 : hash;
}

struct Reference
{
    ipc::SampleFormat format;
    int blockSize;
    uint64_t fingerprint;
};

// Rendered before the streaming and mixing speed work (issue 3), by this same test.
constexpr Reference references[] = {
    { ipc::SampleFormat::Int16, 512, 0x08ab650cd37e8942ull },
    { ipc::SampleFormat::Int24, 512, 0x8410f0fd4713db92ull },
    { ipc::SampleFormat::Float32, 512, 0x4c4f5a8b7fe7681eull },
    { ipc::SampleFormat::Float32, 333, 0x4c4f5a8b7fe7681eull },
    { ipc::SampleFormat::Float32, 4096, 0x4c4f5a8b7fe7681eull },
};

} // namespace

TEST(OfflineRender, OutputMatchesTheReferenceRenderByteForByte)
{
    const auto mix = referenceMix();
    TestInsertFactory factory;
    // The loops and the file two clips share are kept decoded by default (DecodedSources);
    // with no memory for that every read goes to the file. The bytes may not differ.
    for (const int64_t decodedAudioBudget : { defaultDecodedAudioBudget, int64_t{ 0 } })
    for (const auto& reference : references)
    {
        RenderOptions options;
        options.decodedAudioBudget = decodedAudioBudget;
        options.end = renderLength;
        options.format = reference.format;
        options.blockSize = reference.blockSize;
        options.outputPath = referenceDir().getChildFile("render.wav").getFullPathName().toStdString();
        const auto result = renderOffline(*mix.packed(), factory, options);
        ASSERT_FALSE(result.error.has_value()) << result.error->message;
        char actual[32];
        std::snprintf(actual, sizeof actual, "0x%016" PRIx64, fingerprint(options.outputPath));
        EXPECT_EQ(fingerprint(options.outputPath), reference.fingerprint)
            << "format " << static_cast<int>(reference.format) << ", block " << reference.blockSize
            << ", decoded audio budget " << decodedAudioBudget
            << ": the render now fingerprints as " << actual;
    }
}
