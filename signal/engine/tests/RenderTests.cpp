// Offline render: correct files, bit-identical across runs, clear errors.
#include "TestGraphs.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
GraphBuilder song()
{
    GraphBuilder b;
    b.master();
    auto& bus = b.channel(3, Kind::Bus);
    b.insert(bus, 30, "delay:64");
    auto& audio = b.channel(2, Kind::Audio, 3);
    auto& clip = b.clip(audio, 50, writeTestWav("ramp.wav", 48000), 100, 30000);
    clip.fade_in = 1000;
    clip.loop_length = 7000;
    auto& synthTrack = b.channel(4, Kind::Instrument);
    auto& synth = b.insert(synthTrack, 40, "");
    synth.format = ipc::PluginFormat::BuiltIn;
    synth.builtin = ipc::BuiltInKind::SineSynth;
    auto midi = std::make_unique<ipc::MidiClipT>();
    midi->id = 60;
    midi->length = 40000;
    midi->events = { ipc::MidiEvent(10, 0x90, 60, 90), ipc::MidiEvent(20000, 0x80, 60, 0) };
    synthTrack.midi_clips.push_back(std::move(midi));
    return b;
}

std::string bytesOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string outPath(const std::string& name)
{
    return juce::File::getSpecialLocation(juce::File::tempDirectory)
        .getChildFile("loophole-engine-tests")
        .getChildFile(name)
        .getFullPathName()
        .toStdString();
}
} // namespace

TEST(OfflineRender, SameInputGivesIdenticalBytes)
{
    const auto graph = song();
    TestInsertFactory factory;
    for (auto format : { ipc::SampleFormat::Int16, ipc::SampleFormat::Int24, ipc::SampleFormat::Float32 })
    {
        RenderOptions options;
        options.start = 0;
        options.end = 40000;
        options.format = format;
        options.blockSize = 333; // odd on purpose
        options.outputPath = outPath("a.wav");
        auto first = renderOffline(*graph.packed(), factory, options);
        ASSERT_FALSE(first.error.has_value()) << first.error->message;
        options.outputPath = outPath("b.wav");
        auto second = renderOffline(*graph.packed(), factory, options);
        ASSERT_FALSE(second.error.has_value());
        EXPECT_EQ(first.frames, 40000);
        const auto a = bytesOf(outPath("a.wav")), b = bytesOf(outPath("b.wav"));
        ASSERT_FALSE(a.empty());
        EXPECT_TRUE(a == b) << "renders differ for format " << static_cast<int>(format);

        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatReader> reader(
            wav.createReaderFor(new juce::FileInputStream(juce::File(outPath("a.wav"))), true));
        ASSERT_NE(reader, nullptr);
        EXPECT_EQ(reader->lengthInSamples, 40000);
        EXPECT_EQ(reader->bitsPerSample, format == ipc::SampleFormat::Int16 ? 16u : format == ipc::SampleFormat::Int24 ? 24u : 32u);
        juce::AudioBuffer<float> audio(2, 40000);
        reader->read(&audio, 0, 40000, 0, true, true);
        EXPECT_GT(audio.getMagnitude(0, 0, 40000), 0.1f) << "the render carries sound";
    }
}

TEST(OfflineRender, MatchesTheClipSampleForSample)
{
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, writeTestWav("ramp.wav", 48000), 10, 5000).gain = 2.0f;
    TestInsertFactory factory;
    RenderOptions options;
    options.end = 6000;
    options.format = ipc::SampleFormat::Float32;
    options.outputPath = outPath("exact.wav");
    ASSERT_FALSE(renderOffline(*b.packed(), factory, options).error.has_value());
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader(
        wav.createReaderFor(new juce::FileInputStream(juce::File(options.outputPath)), true));
    juce::AudioBuffer<float> audio(2, 6000);
    reader->read(&audio, 0, 6000, 0, true, true);
    for (int i = 0; i < 5000; ++i)
        ASSERT_NEAR(audio.getSample(0, 10 + i), sourceValue(i), 1e-6f) << i;
}

TEST(OfflineRender, ErrorsAreClearAndLeaveNoFile)
{
    TestInsertFactory factory;
    RenderOptions options;
    options.end = 100;
    options.outputPath = "relative.wav";
    auto r = renderOffline(*song().packed(), factory, options);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, ipc::ErrorCode::IoFailure);

    options.outputPath = "/nonexistent-dir/x.wav";
    r = renderOffline(*song().packed(), factory, options);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, ipc::ErrorCode::IoFailure);

    options.outputPath = outPath("cancelled.wav");
    juce::File(options.outputPath).deleteFile();
    options.end = 48000;
    options.progress = [](double done) { return done < 0.5; };
    r = renderOffline(*song().packed(), factory, options);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_FALSE(juce::File(options.outputPath).exists());
    EXPECT_FALSE(juce::File(options.outputPath + ".partial").exists());
}

namespace {
/// Frames [0, n) of a rendered file's left channel.
std::vector<float> leftOf(const std::string& path, int n)
{
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader(
        wav.createReaderFor(new juce::FileInputStream(juce::File(path)), true));
    juce::AudioBuffer<float> audio(2, n);
    audio.clear();
    if (reader)
        reader->read(&audio, 0, n, 0, true, true);
    return { audio.getReadPointer(0), audio.getReadPointer(0) + n };
}

double meanOf(const std::vector<float>& v)
{
    double sum = 0;
    for (const float x : v)
        sum += x;
    return sum / static_cast<double>(v.size());
}
} // namespace

TEST(OfflineRender, DitherKeepsALevelBelowOneStepThatTruncationLoses)
{
    // A constant 0.3 of a 16-bit step: cut to 16 bits it vanishes; dithered, the file's mean
    // keeps it, with noise of about half a step, and the same bytes on every run and block size.
    constexpr int frames = 48000;
    constexpr double step = 1.0 / 32768;
    GraphBuilder b;
    b.master();
    b.insert(b.channel(2, Kind::Audio), 20, "dc:" + std::to_string(0.6 * step)); // two centre pans halve it
    TestInsertFactory factory;
    auto render = [&](ipc::SampleFormat format, bool dither, int blockSize, const std::string& name) {
        RenderOptions options;
        options.end = frames;
        options.format = format;
        options.dither = dither;
        options.blockSize = blockSize;
        options.outputPath = outPath(name);
        const auto result = renderOffline(*b.packed(), factory, options);
        EXPECT_FALSE(result.error.has_value());
        return options.outputPath;
    };
    const double level = meanOf(leftOf(render(ipc::SampleFormat::Float32, false, 512, "level.wav"), frames));
    ASSERT_NEAR(level / step, 0.3, 0.01);
    EXPECT_EQ(bytesOf(render(ipc::SampleFormat::Float32, true, 512, "float-dither.wav")), bytesOf(outPath("level.wav")))
        << "32-bit float output is never dithered";

    const auto cut = leftOf(render(ipc::SampleFormat::Int16, false, 512, "cut.wav"), frames);
    EXPECT_EQ(meanOf(cut), 0.0) << "undithered, every sample is cut to the step below";

    const auto dithered = leftOf(render(ipc::SampleFormat::Int16, true, 512, "dithered.wav"), frames);
    EXPECT_NEAR(meanOf(dithered) / step, 0.3, 0.02);
    double noise = 0;
    for (const float x : dithered)
        noise += (x - level) * (x - level);
    EXPECT_NEAR(std::sqrt(noise / frames) / step, 0.5, 0.1) << "TPDF plus quantisation: half a step RMS";

    EXPECT_EQ(bytesOf(render(ipc::SampleFormat::Int16, true, 333, "dithered-333.wav")), bytesOf(outPath("dithered.wav")));
    EXPECT_NE(bytesOf(render(ipc::SampleFormat::Int24, true, 512, "dithered24.wav")),
              bytesOf(render(ipc::SampleFormat::Int24, false, 512, "cut24.wav")));
}
