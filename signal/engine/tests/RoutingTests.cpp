// Routing through the compiled plan: order, sends, sidechains, delay compensation, swaps.
#include "TestGraphs.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
constexpr float centre = 0.70710678f; // equal-power pan at centre

struct Rig : EngineRig
{
    explicit Rig(int block = 512) : EngineRig(true, block) {}
    const ipc::Meter* meter(ipc::TelemetryT& t, uint32_t id)
    {
        for (auto& m : t.meters)
            if (m.node() == id)
                return &m;
        return nullptr;
    }
};

std::unique_ptr<ipc::SendT> send(uint32_t id, uint32_t target, float gain, bool pre)
{
    auto s = std::make_unique<ipc::SendT>();
    s->id = id;
    s->target = target;
    s->gain = gain;
    s->pre_fader = pre;
    return s;
}
} // namespace

TEST(Routing, TrackThroughBusReachesMasterInTheSameBlock)
{
    Rig rig;
    GraphBuilder b;
    // Listed master-first and bus-before-track: the compiler must still order track -> bus -> master.
    b.master();
    b.channel(3, Kind::Bus, 1).gain = 0.5f;
    auto& track = b.channel(2, Kind::Audio, 3);
    track.gain = 2.0f;
    b.insert(track, 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    const auto out = run(rig.engine, 64, 64);
    const float expected = 1.0f * 2.0f * centre * 0.5f * centre * centre;
    EXPECT_NEAR(out.left[0], expected, 1e-6f); // first sample: no block of delay through the bus
    EXPECT_NEAR(out.right[63], expected, 1e-6f);
}

TEST(Routing, PanIsEqualPower)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Audio);
    track.pan = -1.0f;
    b.insert(track, 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    const auto out = run(rig.engine, 16);
    EXPECT_NEAR(out.left[5], centre, 1e-6f);
    EXPECT_NEAR(out.right[5], 0.0f, 1e-6f);
}

TEST(Routing, MuteAndPolarity)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& a = b.channel(2, Kind::Audio);
    b.insert(a, 20, "dc:1");
    a.polarity_invert = true;
    auto& m = b.channel(3, Kind::Audio);
    b.insert(m, 30, "dc:5");
    m.mute = true;
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    const auto out = run(rig.engine, 16);
    EXPECT_NEAR(out.left[3], -0.5f, 1e-6f);
}

TEST(Routing, PreFaderSendIgnoresTheFaderAndPostFaderFollowsIt)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    b.channel(3, Kind::Bus); // receives the pre-fader send
    b.channel(4, Kind::Bus); // receives the post-fader send
    auto& track = b.channel(2, Kind::Audio);
    b.insert(track, 20, "dc:1");
    track.gain = 0.0f;
    track.sends.push_back(send(10, 3, 0.5f, true));
    track.sends.push_back(send(11, 4, 0.5f, false));
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    run(rig.engine, 512);
    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    ASSERT_NE(rig.meter(t, 3), nullptr);
    EXPECT_NEAR(rig.meter(t, 3)->peak_left(), 0.5f * centre, 1e-6f);
    EXPECT_NEAR(rig.meter(t, 3)->rms_left(), 0.5f * centre, 1e-5f);
    EXPECT_EQ(rig.meter(t, 4)->peak_left(), 0.0f);
    EXPECT_EQ(rig.meter(t, 2)->peak_left(), 0.0f);
    // Meters are "since the previous call".
    rig.engine.collectTelemetry(t);
    EXPECT_EQ(rig.meter(t, 3)->peak_left(), 0.0f);
}

TEST(Routing, SidechainReachesTheInsert)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    auto& key = b.channel(2, Kind::Audio);
    b.insert(key, 20, "dc:0.25");
    auto& ducked = b.channel(3, Kind::Audio);
    b.insert(ducked, 30, "sidechain").sidechain_from = 2;
    ducked.gain = 2.0f;
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    run(rig.engine, 128);
    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    // Channel 3 carries only what its sidechain brought: 0.25 * pan(2) * gain 2 * pan(3).
    EXPECT_NEAR(rig.meter(t, 3)->peak_left(), 0.25f * centre * 2.0f * centre, 1e-6f);
}

TEST(Routing, DelayCompensationAlignsPathsIntoTheMaster)
{
    Rig rig(256);
    GraphBuilder b;
    b.master();
    auto& late = b.channel(2, Kind::Audio);
    b.insert(late, 20, "click:1000");
    b.insert(late, 21, "delay:100");
    auto& dry = b.channel(3, Kind::Audio);
    b.insert(dry, 30, "click:1000");
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    const auto out = run(rig.engine, 2048, 256);
    EXPECT_EQ(out.left[1000], 0.0f) << "the dry path was not delayed";
    EXPECT_NEAR(out.left[1100], 2.0f * 0.5f, 1e-6f) << "both clicks arrive together";
    float elsewhere = 0;
    for (size_t i = 0; i < out.left.size(); ++i)
        if (i != 1100)
            elsewhere = std::max(elsewhere, std::fabs(out.left[i]));
    EXPECT_EQ(elsewhere, 0.0f);

    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    bool found = false;
    for (auto& p : t.plugins)
        if (p.processor() == 21)
        {
            found = true;
            EXPECT_EQ(p.latency_samples(), 100u);
            EXPECT_EQ(p.status(), ipc::PluginStatusCode::Ok);
        }
    EXPECT_TRUE(found);
}

TEST(Routing, DelayCompensationThroughABusAndASend)
{
    Rig rig(128);
    GraphBuilder b;
    b.master();
    auto& bus = b.channel(4, Kind::Bus);
    b.insert(bus, 40, "delay:37");
    auto& a = b.channel(2, Kind::Audio, 4);
    b.insert(a, 20, "click:500");
    auto& c = b.channel(3, Kind::Audio, 1);
    b.insert(c, 30, "click:500");
    c.sends.push_back(send(31, 4, 1.0f, false)); // also into the late bus
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    const auto out = run(rig.engine, 1024, 128);
    // Everything meets at 500 + 37: a via the bus, c via the bus and directly (compensated).
    int nonZero = 0;
    for (size_t i = 0; i < out.left.size(); ++i)
        nonZero += out.left[i] != 0.0f ? 1 : 0;
    EXPECT_EQ(nonZero, 1);
    EXPECT_NE(out.left[537], 0.0f);
}

TEST(Routing, GraphDiffKeepsInsertsAndRampsGain)
{
    Rig rig(128);
    GraphBuilder b;
    b.graph.revision = 1;
    b.master();
    auto& track = b.channel(2, Kind::Audio);
    b.insert(track, 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    auto* before = rig.engine.findInsert(20);
    ASSERT_NE(before, nullptr);
    run(rig.engine, 256, 128);

    ipc::GraphDiffT diff;
    diff.from_revision = 1;
    diff.to_revision = 2;
    auto changed = std::make_unique<ipc::ChannelT>(*b.graph.channels[1]);
    changed->gain = 0.0f;
    diff.upsert_channels.push_back(std::move(changed));
    ASSERT_FALSE(rig.engine.applyGraphDiff(*pack(diff)).has_value());
    EXPECT_EQ(rig.engine.findInsert(20), before) << "an unchanged insert must survive the diff";
    EXPECT_EQ(rig.factory.created, 1);
    EXPECT_EQ(rig.engine.graph()->revision, 2u);

    const auto out = run(rig.engine, 512, 128);
    EXPECT_NEAR(out.left[0], 0.5f, 0.01f);
    float biggestStep = 0;
    for (size_t i = 1; i < out.left.size(); ++i)
        biggestStep = std::max(biggestStep, std::fabs(out.left[i] - out.left[i - 1]));
    EXPECT_LT(biggestStep, 0.01f) << "gain changes through a swap must ramp, not jump";
    EXPECT_EQ(out.left[511], 0.0f);
}

TEST(Routing, DiffFromTheWrongRevisionIsRefused)
{
    Rig rig;
    GraphBuilder b;
    b.graph.revision = 5;
    b.master();
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    ipc::GraphDiffT diff;
    diff.from_revision = 4;
    diff.to_revision = 6;
    auto r = rig.engine.applyGraphDiff(*pack(diff));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::InvalidGraph);
    EXPECT_EQ(r->field, "from_revision");
}

TEST(Routing, UnknownPluginLoadsAsFailedInsteadOfRefusingTheProject)
{
    Rig rig;
    GraphBuilder b;
    b.master();
    b.insert(b.channel(2, Kind::Audio), 20, "no-such-plugin");
    ASSERT_FALSE(load(rig.engine, b.graph).has_value());
    run(rig.engine, 64);
    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    ASSERT_EQ(t.plugins.size(), 1u);
    EXPECT_EQ(t.plugins[0].status(), ipc::PluginStatusCode::Failed);
}
