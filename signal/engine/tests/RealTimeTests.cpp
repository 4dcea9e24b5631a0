// The audio thread stays real-time safe (no allocation, locks, sleeps or file I/O, per
// rtcheck) while the control thread swaps graphs, bursts parameters and storms locates.
// The audio thread here is a real thread running process() back to back.
#include "TestGraphs.h"

#include "rtcheck/RtCheck.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;
namespace rtcheck = loophole::rtcheck;

namespace {

constexpr int block = 256;

GraphBuilder busyGraph(uint64_t revision, float trackGain, bool withExtraChannel)
{
    GraphBuilder b;
    b.graph.revision = revision;
    b.graph.tempo_map = { ipc::TempoPoint(0, 128.0, 4, 4) };
    b.master();
    auto& bus = b.channel(3, Kind::Bus);
    b.insert(bus, 30, "delay:32");
    auto& audio = b.channel(2, Kind::Audio, 3);
    audio.gain = trackGain;
    auto& clip = b.clip(audio, 50, writeTestWav("ramp.wav", 48000), 0, 480000);
    clip.loop_length = 20000;
    clip.fade_in = 500;
    auto s = std::make_unique<ipc::SendT>();
    s->id = 21;
    s->target = 1;
    s->gain = 0.3f;
    s->pre_fader = true;
    audio.sends.push_back(std::move(s));
    auto& synthTrack = b.channel(4, Kind::Instrument);
    auto& synth = b.insert(synthTrack, 40, "");
    synth.format = ipc::PluginFormat::BuiltIn;
    synth.builtin = ipc::BuiltInKind::SineSynth;
    auto& duck = b.insert(synthTrack, 41, "sidechain");
    duck.sidechain_from = 2;
    duck.bypass = true;
    auto midi = std::make_unique<ipc::MidiClipT>();
    midi->id = 60;
    midi->length = 480000;
    midi->loop_length = 4800;
    for (int i = 0; i < 8; ++i)
    {
        midi->events.emplace_back(i * 600, 0x90, 60 + i, 100);
        midi->events.emplace_back(i * 600 + 500, 0x80, 60 + i, 0);
    }
    synthTrack.midi_clips.push_back(std::move(midi));
    auto curve = std::make_unique<ipc::AutomationCurveT>();
    curve->target = std::make_unique<ipc::ParameterAddress>(4, 1); // synth track pan
    curve->points = { ipc::AutomationPoint(0, -1.0f, ipc::CurveShape::SCurve, 0),
                      ipc::AutomationPoint(48000, 1.0f, ipc::CurveShape::Hold, 0) };
    synthTrack.automation.push_back(std::move(curve));
    if (withExtraChannel)
    {
        auto& extra = b.channel(5, Kind::Audio, 3);
        b.insert(extra, 51, "dc:0.1");
        b.clip(extra, 52, writeTestWav("ramp.wav", 48000), 1000, 100000);
    }
    return b;
}

/// Runs process() on its own marked thread until stopped.
class AudioThread
{
public:
    explicit AudioThread(Engine& e) : engine(e), thread([this] { run(); }) {}
    ~AudioThread() { stop(); }

    void stop()
    {
        stopping = true;
        if (thread.joinable())
            thread.join();
    }
    void waitForBlocks(long n)
    {
        const long target = blocks.load() + n;
        while (blocks.load() < target)
            std::this_thread::yield();
    }
    std::atomic<float> peak{ 0.0f };

private:
    void run()
    {
        std::vector<float> left(block), right(block);
        float* outputs[2] = { left.data(), right.data() };
        const juce::MidiBuffer midi;
        rtcheck::ScopedAudioThread audio;
        while (!stopping)
        {
            engine.process(outputs, 2, nullptr, 0, block, midi);
            peak.store(std::max(peak.load(), std::fabs(left[block / 2])));
            ++blocks;
        }
    }

    Engine& engine;
    std::atomic<bool> stopping{ false };
    std::atomic<long> blocks{ 0 };
    std::thread thread;
};

class RealTime : public ::testing::Test
{
protected:
    // Without rtcheck (sanitizer builds) these still run: TSan then checks the thread hand-offs.
    void SetUp() override
    {
        engine.prepare(48000, block, 2);
        ASSERT_FALSE(load(engine, busyGraph(1, 1.0f, false).graph).has_value());
        ASSERT_FALSE(setLoop(engine, true, 0, 96000).has_value());
        ASSERT_FALSE(transport(engine, ipc::TransportAction::Play, 0).has_value());
        rtcheck::resetViolations();
    }

    void expectNoViolations()
    {
        if (!rtcheck::isActive())
            return;
        EXPECT_EQ(rtcheck::totalViolations(), 0u) << rtcheck::describeViolations();
    }

    TestInsertFactory factory;
    Engine engine{ factory };
};

} // namespace

TEST_F(RealTime, SteadyStateMakesNoViolations)
{
    AudioThread audio(engine);
    audio.waitForBlocks(3000); // ~16 s of audio: loops, clip loops, notes, automation
    audio.stop();
    expectNoViolations();
    EXPECT_GT(audio.peak.load(), 0.0f) << "the graph made sound";
}

TEST_F(RealTime, GraphSwapsMakeNoViolations)
{
    AudioThread audio(engine);
    for (uint64_t revision = 2; revision < 200; ++revision)
    {
        ipc::GraphDiffT diff;
        diff.from_revision = revision - 1;
        diff.to_revision = revision;
        auto next = busyGraph(revision, 0.5f + static_cast<float>(revision % 3) * 0.25f, revision % 2 == 0);
        for (auto& ch : next.graph.channels)
            diff.upsert_channels.push_back(std::make_unique<ipc::ChannelT>(*ch));
        if (revision % 2 == 1)
            diff.remove_channels.push_back(5);
        ASSERT_FALSE(engine.applyGraphDiff(*pack(diff)).has_value()) << revision;
        audio.waitForBlocks(2);
        ipc::TelemetryT t;
        engine.collectTelemetry(t);
    }
    audio.stop();
    expectNoViolations();
}

TEST_F(RealTime, ParameterBurstsMakeNoViolations)
{
    AudioThread audio(engine);
    std::mt19937 random(7);
    int refused = 0;
    for (int burst = 0; burst < 10; ++burst)
    {
        ipc::TelemetryT t;
        engine.collectTelemetry(t);
        for (int i = 0; i < 5000; ++i)
        {
            const int64_t at = t.engine_sample + static_cast<int64_t>(random() % 20000);
            const auto r = i % 3 == 0   ? setParameter(engine, 2, 0, (random() % 100) / 50.0f, at)
                         : i % 3 == 1 ? setParameter(engine, 21, 0, (random() % 100) / 100.0f, at)
                                      : setParameter(engine, 40, random() % 3, (random() % 100) / 100.0f, at);
            if (r)
            {
                ASSERT_EQ(r->code, ipc::ErrorCode::Busy) << r->message;
                ++refused;
            }
        }
        audio.waitForBlocks(20);
    }
    audio.stop();
    expectNoViolations();
    EXPECT_LT(refused, 50000);
}

TEST_F(RealTime, LocateStormsMakeNoViolations)
{
    AudioThread audio(engine);
    std::mt19937 random(11);
    for (int i = 0; i < 3000; ++i)
    {
        const auto action = i % 7 == 0 ? ipc::TransportAction::Stop
                           : i % 5 == 0 ? ipc::TransportAction::Play
                                        : ipc::TransportAction::Locate;
        const auto r = transport(engine, action, static_cast<int64_t>(random() % 400000));
        if (r)
            ASSERT_EQ(r->code, ipc::ErrorCode::Busy);
        if (i % 100 == 0)
        {
            ASSERT_FALSE(setLoop(engine, i % 200 == 0, 1000, 1000 + static_cast<int64_t>(random() % 50000)).has_value());
            audio.waitForBlocks(1);
        }
    }
    audio.waitForBlocks(50);
    audio.stop();
    expectNoViolations();
    EXPECT_GT(engine.contentStats().underruns, 0u) << "storms outrun the prefetch; silence is counted";
}

TEST_F(RealTime, TheHarnessCatchesAnInsertThatAllocates)
{
    if (!rtcheck::isActive())
        GTEST_SKIP() << "rtcheck cannot interpose in sanitizer builds";
    GraphBuilder b = busyGraph(2, 1.0f, false);
    b.insert(*b.graph.channels[2], 99, "allocating");
    ASSERT_FALSE(load(engine, b.graph).has_value());
    AudioThread audio(engine);
    audio.waitForBlocks(10);
    audio.stop();
    EXPECT_GE(rtcheck::violations(rtcheck::Violation::Allocation), 10u);
}
