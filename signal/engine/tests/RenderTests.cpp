// Offline render: correct files, bit-identical across runs, clear errors.
#include "TestGraphs.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <gtest/gtest.h>

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
