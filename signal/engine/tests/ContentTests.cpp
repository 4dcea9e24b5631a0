// Audio clips (offset, gain, fades, loops, streaming) and MIDI clips into the built-in synth.
#include "TestGraphs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
constexpr float both = 0.5f; // two centre pans (track and master)

struct Rig
{
    TestInsertFactory factory;
    Engine engine{ factory };
    explicit Rig(bool offline = true, int block = 256)
    {
        engine.setOfflineMode(offline);
        engine.prepare(48000, block, 2);
    }
};

std::string testFile() { return writeTestWav("ramp.wav", 48000); }
} // namespace

TEST(AudioClips, OffsetAndPositionAreSampleExact)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& clip = b.clip(b.channel(2, Kind::Audio), 50, testFile(), 1000, 2000);
    clip.source_offset = 500;
    clip.gain = 0.5f;
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
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
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
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
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
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

TEST(AudioClips, AFileThatDisappearsDuringPlaybackTurnsToCountedSilence)
{
    const juce::File original(testFile());
    const auto vanishing = original.getSiblingFile("vanishing.wav");
    ASSERT_TRUE(original.copyFileTo(vanishing));
    Rig rig;
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, vanishing.getFullPathName().toStdString(), 0, 48000);
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
    auto out = run(rig.engine, 2048, 256);
    EXPECT_FLOAT_EQ(out.left[1000], sourceValue(1000) * both);
    ASSERT_TRUE(vanishing.deleteFile());
    out = run(rig.engine, 40000, 256);
    EXPECT_GT(rig.engine.contentStats().readErrors, 0u);
    EXPECT_EQ(out.left[39999], 0.0f);
    // The engine carries on: a new graph without the clip loads and plays.
    GraphBuilder next;
    next.master();
    next.insert(next.channel(2, Kind::Audio), 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, next.graph).has_value());
    EXPECT_NEAR(run(rig.engine, 64).left[10], 0.5f, 1e-6f);
}

TEST(MidiClips, NotesPlayTheBuiltInSynthFromTheirSample)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Instrument);
    auto& synth = b.insert(track, 20, "");
    synth.format = ipc::PluginFormat::BuiltIn;
    synth.builtin = ipc::BuiltInKind::SineSynth;
    const float parameters[3] = { 0.5f, 0.0f, 0.0f }; // gain, shortest attack and release
    synth.state.assign(reinterpret_cast<const uint8_t*>(parameters), reinterpret_cast<const uint8_t*>(parameters + 3));
    auto clip = std::make_unique<ipc::MidiClipT>();
    clip->id = 60;
    clip->start = 1000;
    clip->length = 48000;
    clip->loop_length = 2000;
    clip->events = { ipc::MidiEvent(300, 0x90, 69, 100), ipc::MidiEvent(800, 0x80, 69, 0) };
    track.midi_clips.push_back(std::move(clip));
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
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
