// Audio clips (offset, gain, fades, loops, streaming) and MIDI clips into the built-in synth.
#include "TestGraphs.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <thread>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
constexpr float both = 0.5f; // two centre pans (track and master)

using Rig = EngineRig;

std::string testFile() { return writeTestWav("ramp.wav", 48000); }

/// The built-in SineSynth on `track`, at gain 0.5 with the shortest attack and release.
void addShortSineSynth(GraphBuilder& b, ipc::ChannelT& track)
{
    auto& synth = b.insert(track, 20, "");
    synth.format = ipc::PluginFormat::BuiltIn;
    synth.builtin = ipc::BuiltInKind::SineSynth;
    const float parameters[3] = { 0.5f, 0.0f, 0.0f }; // gain, attack, release
    synth.state.assign(reinterpret_cast<const uint8_t*>(parameters), reinterpret_cast<const uint8_t*>(parameters + 3));
}

ipc::MidiClipT& addMidiClip(ipc::ChannelT& track, int64_t length, std::vector<ipc::MidiEvent> events)
{
    auto clip = std::make_unique<ipc::MidiClipT>();
    clip->id = 60;
    clip->length = length;
    clip->events = std::move(events);
    track.midi_clips.push_back(std::move(clip));
    return *track.midi_clips.back();
}
} // namespace

TEST(AudioClips, OffsetAndPositionAreSampleExact)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& clip = b.clip(b.channel(2, Kind::Audio), 50, testFile(), 1000, 2000);
    clip.source_offset = 500;
    clip.gain = 0.5f;
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 4000, 256);
    EXPECT_EQ(out.left[999], 0.0f);
    for (int i = 0; i < 2000; ++i)
        ASSERT_FLOAT_EQ(out.left[static_cast<size_t>(1000 + i)], sourceValue(500 + i) * 0.5f * both) << i;
    EXPECT_EQ(out.left[3000], 0.0f);
    EXPECT_EQ(rig.engine.contentStats().underruns, 0u);
}

TEST(AudioClips, FadesFollowTheirShapes)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& clip = b.clip(b.channel(2, Kind::Audio), 50, testFile(), 0, 1000);
    clip.fade_in = 100;
    clip.fade_out = 200;
    clip.fade_in_shape = ipc::FadeShape::Linear;
    clip.fade_out_shape = ipc::FadeShape::EqualPower;
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 1000, 256);
    EXPECT_EQ(out.left[0], 0.0f);
    EXPECT_NEAR(out.left[50], sourceValue(50) * 0.5f * both, 1e-6f);
    EXPECT_NEAR(out.left[500], sourceValue(500) * both, 1e-6f);
    const float x = 100.0f / 200.0f; // at 900: 100 samples left of a 200-sample fade
    EXPECT_NEAR(out.left[900], sourceValue(900) * std::sin(x * 3.14159265f / 2) * both, 1e-6f);
}

TEST(AudioClips, LoopRepeatsTheSourceRegion)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& clip = b.clip(b.channel(2, Kind::Audio), 50, testFile(), 100, 1500);
    clip.source_offset = 40;
    clip.loop_length = 300;
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 1700, 128);
    for (int i = 0; i < 1500; ++i)
        ASSERT_FLOAT_EQ(out.left[static_cast<size_t>(100 + i)], sourceValue(40 + i % 300) * both) << i;
}

TEST(AudioClips, StreamingThreadPrefetchesBeforePlayAndAfterLocate)
{
    Rig rig(false, 256); // real streaming thread
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, testFile(), 0, 48000);
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the prefetch, not a timing assert
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
    auto out = run(rig.engine, 4096, 256);
    for (int i = 0; i < 4096; ++i)
        ASSERT_FLOAT_EQ(out.left[static_cast<size_t>(i)], sourceValue(i) * both) << i;
    EXPECT_EQ(rig.engine.contentStats().underruns, 0u);

    // After a locate the first block may be silent (counted), then audio resumes in place.
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Locate, 20000).has_value());
    run(rig.engine, 256, 256);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    out = run(rig.engine, 1024, 256);
    for (int i = 0; i < 1024; ++i)
        ASSERT_FLOAT_EQ(out.left[static_cast<size_t>(i)], sourceValue(20256 + i) * both) << i;
}

TEST(AudioClips, TransportLoopWrapsPlayFromTheCueWithoutUnderruns)
{
    Rig rig(false, 256); // real streaming thread
    GraphBuilder b;
    b.master();
    b.channel(2, Kind::Audio).gain = 2.0f; // cancels the two centre pans
    b.clip(*b.graph.channels[1], 50, testFile(), 0, 48000);
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(setLoop(rig.engine, true, 10000, 13000).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 9000).has_value());
    run(rig.engine, 256, 256); // the jump to 9000 posts the request and the cue
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto before = rig.engine.contentStats().underruns;
    int64_t timeline = 9256;
    for (int block = 0; block < 60; ++block) // ~5 wraps
    {
        const auto out = run(rig.engine, 256, 256);
        for (int i = 0; i < 256; ++i)
        {
            ASSERT_NEAR(out.left[static_cast<size_t>(i)], sourceValue(timeline), 1e-6f) << "block " << block;
            if (++timeline == 13000)
                timeline = 10000;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // let the streamer run, as between callbacks
    }
    EXPECT_EQ(rig.engine.contentStats().underruns, before);
}

namespace {
/// Plays a copy of the test file offline, damages it, plays on: the clip turns to silence and
/// the failed reads are counted. The rig plays on for more checks.
void expectCountedSilenceAfter(Rig& rig, const std::string& name, const std::function<void(const juce::File&)>& damage)
{
    const juce::File original(testFile());
    const auto copy = original.getSiblingFile(name);
    copy.deleteFile();
    ASSERT_TRUE(original.copyFileTo(copy));
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, copy.getFullPathName().toStdString(), 0, 48000);
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    auto out = run(rig.engine, 2048, 256);
    EXPECT_FLOAT_EQ(out.left[1000], sourceValue(1000) * both);
    damage(copy);
    out = run(rig.engine, 40000, 256);
    EXPECT_GT(rig.engine.contentStats().readErrors, 0u);
    EXPECT_EQ(out.left[39999], 0.0f);
    copy.deleteFile();
}
} // namespace

TEST(AudioClips, AFileThatDisappearsDuringPlaybackTurnsToCountedSilence)
{
    Rig rig;
    ASSERT_NO_FATAL_FAILURE(
        expectCountedSilenceAfter(rig, "vanishing.wav", [](const juce::File& file) { ASSERT_TRUE(file.deleteFile()); }));
    // The engine carries on: a new graph without the clip loads and plays.
    GraphBuilder next;
    next.master();
    next.insert(next.channel(2, Kind::Audio), 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, next.graph).has_value());
    EXPECT_NEAR(run(rig.engine, 64).left[10], 0.5f, 1e-6f);
}

TEST(AudioClips, AFileCutShortDuringAnOfflineRenderTurnsToCountedSilence)
{
    // Offline, clips are decoded on the render thread straight from their file descriptor:
    // a cut reads short (silence) and only the descriptor's size can tell it was damaged.
    Rig rig;
    ASSERT_NO_FATAL_FAILURE(expectCountedSilenceAfter(rig, "cut-short.wav", [](const juce::File& file) {
        std::filesystem::resize_file(file.getFullPathName().toStdString(), 44 + 1000 * 8);
    }));
}

TEST(AudioClips, AClipReadingFarPastTheEndOfAnAiffFileIsSilence)
{
    // fuzz_graph_commands: a source offset far past an AIFF's end made JUCE's reader seek to an
    // overflowing byte offset (UBSan). Past the end is silence, in every format, and no error.
    const auto file = juce::File(testFile()).getSiblingFile("tone.aiff");
    if (!file.existsAsFile())
    {
        juce::AudioBuffer<float> audio(2, 4800);
        for (int i = 0; i < audio.getNumSamples(); ++i)
            audio.setSample(0, i, 0.5f), audio.setSample(1, i, 0.5f);
        juce::AiffAudioFormat aiff;
        std::unique_ptr<juce::AudioFormatWriter> writer(aiff.createWriterFor(
            new juce::FileOutputStream(file), 48000.0, 2, 24, {}, 0));
        ASSERT_NE(writer, nullptr);
        writer->writeFromAudioSampleBuffer(audio, 0, audio.getNumSamples());
    }
    for (const bool offline : { true, false })
    {
        Rig rig(offline);
        GraphBuilder b;
        b.master();
        b.clip(b.channel(2, Kind::Audio), 50, file.getFullPathName().toStdString(), 0, 1024);
        b.clip(b.channel(3, Kind::Audio), 51, file.getFullPathName().toStdString(), 2048, 1024).source_offset =
            int64_t{ 0x5000000000000008 };
        ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
        Output out;
        for (int pass = 0; pass < 200 && out.left.size() < 4096; ++pass) // the streaming thread fills meanwhile
        {
            auto part = run(rig.engine, 256, 256);
            out.left.insert(out.left.end(), part.left.begin(), part.left.end());
            if (!offline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (offline) // (streamed, its first blocks may underrun on a busy machine)
            EXPECT_NE(out.left[512], 0.0f) << "the AIFF clip inside the file plays";
        for (size_t i = 2048; i < 3072; ++i)
            ASSERT_EQ(out.left[i], 0.0f) << "frame " << i << " (offline " << offline << ")";
        EXPECT_EQ(rig.engine.contentStats().readErrors, 0u);
    }
}

TEST(MidiClips, NotesPlayTheBuiltInSynthFromTheirSample)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Instrument);
    addShortSineSynth(b, track);
    auto& clip = addMidiClip(track, 48000, { ipc::MidiEvent(300, 0x90, 69, 100), ipc::MidiEvent(800, 0x80, 69, 0) });
    clip.start = 1000;
    clip.loop_length = 2000;
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 4000, 256);
    for (int i = 0; i <= 1300; ++i)
        ASSERT_EQ(out.left[static_cast<size_t>(i)], 0.0f) << i;
    float loudest = 0, secondPass = 0;
    for (int i = 1301; i < 1800; ++i)
        loudest = std::max(loudest, std::fabs(out.left[static_cast<size_t>(i)]));
    for (int i = 3301; i < 3800; ++i)
        secondPass = std::max(secondPass, std::fabs(out.left[static_cast<size_t>(i)]));
    EXPECT_GT(loudest, 0.05f);
    EXPECT_GT(secondPass, 0.05f) << "the looped clip plays its note again";
    EXPECT_NEAR(out.left[3299], 0.0f, 1e-3f) << "released between passes";
}

TEST(MidiClips, NotesStillOnAtAPassEndAreReleased)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Instrument);
    addShortSineSynth(b, track);
    // The note is never switched off inside the loop.
    addMidiClip(track, 3000, { ipc::MidiEvent(500, 0x90, 69, 100) }).loop_length = 1000;
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 4000, 256);
    auto loudest = [&](int from, int to) {
        float m = 0;
        for (int i = from; i < to; ++i)
            m = std::max(m, std::fabs(out.left[static_cast<size_t>(i)]));
        return m;
    };
    EXPECT_GT(loudest(600, 990), 0.05f);
    EXPECT_LT(loudest(1200, 1500), 1e-4f) << "released at the end of the first pass";
    EXPECT_GT(loudest(1600, 1990), 0.05f);
    EXPECT_LT(loudest(3200, 4000), 1e-4f) << "released at the end of the clip";
}

TEST(BuiltIns, SamplerPlaysItsFilePitchedByNote)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Instrument);
    track.gain = 2.0f; // cancels the two centre pans
    auto& sampler = b.insert(track, 20, "");
    sampler.format = ipc::PluginFormat::BuiltIn;
    sampler.builtin = ipc::BuiltInKind::Sampler;
    const std::string state = testFile() + "\n60\n1 0 0";
    sampler.state.assign(state.begin(), state.end());
    addMidiClip(track, 48000, { ipc::MidiEvent(0, 0x90, 60, 127), ipc::MidiEvent(4000, 0x90, 72, 127) });
    ASSERT_TRUE(loadAndPlay(rig.engine, b.graph));
    const auto out = run(rig.engine, 6000, 256);
    for (int i = 200; i < 3000; i += 97)
        ASSERT_NEAR(out.left[static_cast<size_t>(i)], sourceValue(i), 1e-5f) << "root note plays as recorded, " << i;
    // From 4000 the octave-up voice (twice the speed) sums with the first.
    for (int i = 4200; i < 5000; i += 89)
        ASSERT_NEAR(out.left[static_cast<size_t>(i)], sourceValue(i) + sourceValue(2 * (i - 4000)), 1e-5f) << i;

    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    ASSERT_EQ(t.plugins.size(), 1u);
    EXPECT_EQ(t.plugins[0].status(), ipc::PluginStatusCode::Ok);
}

TEST(BuiltIns, FactoryRefusesWhatItCannotMake)
{
    BuiltInInsertFactory factory;
    ipc::ProcessorT p;
    p.id = 5;
    p.format = ipc::PluginFormat::VST3;
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::Processor::Pack(fbb, &p));
    std::string error;
    EXPECT_EQ(factory.create(*flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()), 48000, 256, error), nullptr);
    EXPECT_FALSE(error.empty());
}
