// Transport: loop wrap inside a block, locate, tempo information for inserts, engine clock.
#include "TestGraphs.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
struct Rig : EngineRig
{
    Rig() : EngineRig(true, 512)
    {
        GraphBuilder b;
        b.master();
        auto& track = b.channel(2, Kind::Audio);
        b.insert(track, 20, "timeline");
        b.insert(track, 21, "info");
        track.gain = 2.0f; // undo the two centre pans: output = timeline sample
        b.graph.tempo_map = { ipc::TempoPoint(0, 120.0, 4, 4), ipc::TempoPoint(96000, 60.0, 3, 4) };
        EXPECT_FALSE(load(engine, b.graph).has_value());
    }
};
} // namespace

TEST(Transport, LoopWrapsOnTheExactSampleInsideABlock)
{
    Rig rig;
    ASSERT_FALSE(setLoop(rig.engine, true, 1000, 1300).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 900).has_value());
    const auto out = run(rig.engine, 2000, 512);
    int64_t expected = 900;
    for (size_t i = 0; i < out.left.size(); ++i)
    {
        ASSERT_NEAR(out.left[i], static_cast<float>(expected), 1e-3f) << "frame " << i;
        if (++expected == 1300)
            expected = 1000;
    }
}

TEST(Transport, StopsLocatesAndKeepsTheEngineClock)
{
    Rig rig;
    auto out = run(rig.engine, 100);
    EXPECT_EQ(out.left[50], 0.0f); // stopped
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Locate, 5000).has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play).has_value());
    out = run(rig.engine, 100);
    EXPECT_NEAR(out.left[10], 5010.0f, 1e-3f);
    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    EXPECT_EQ(t.engine_sample, 200);
    EXPECT_TRUE(t.transport->playing());
    EXPECT_EQ(t.transport->position(), 5100);
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Stop).has_value());
    run(rig.engine, 100);
    rig.engine.collectTelemetry(t);
    EXPECT_FALSE(t.transport->playing());
    EXPECT_EQ(t.transport->position(), 5100);
    EXPECT_EQ(t.engine_sample, 300);
    EXPECT_GT(t.dsp_load, 0.0f);
    EXPECT_LT(t.dsp_load, 1.0f);
    EXPECT_EQ(t.xruns, 0u);
    rig.engine.reportXrun();
    rig.engine.collectTelemetry(t);
    EXPECT_EQ(t.xruns, 1u);
}

TEST(Transport, TempoMapGivesInsertsBpmPpqAndBars)
{
    Rig rig;
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 24000).has_value());
    run(rig.engine, 512);
    EXPECT_DOUBLE_EQ(lastInfoSeen.bpm, 120.0);
    EXPECT_NEAR(lastInfoSeen.ppqPosition, 1.0, 1e-9); // half a second at 120 bpm
    EXPECT_DOUBLE_EQ(lastInfoSeen.ppqOfLastBarStart, 0.0);

    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Locate, 96000 + 48000 * 4).has_value());
    run(rig.engine, 512);
    // 96000 samples at 120 bpm = 4 quarters; then 4 s at 60 bpm = 4 quarters in 3/4 bars.
    EXPECT_DOUBLE_EQ(lastInfoSeen.bpm, 60.0);
    EXPECT_NEAR(lastInfoSeen.ppqPosition, 8.0, 1e-9);
    EXPECT_NEAR(lastInfoSeen.ppqOfLastBarStart, 7.0, 1e-9);
    EXPECT_EQ(lastInfoSeen.timeSigNumerator, 3);
}

TEST(Transport, RejectsBadPositionsAndLoops)
{
    Rig rig;
    auto r = transport(rig.engine, ipc::TransportAction::Locate, -5);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::OutOfRange);
    r = setLoop(rig.engine, true, 100, 100);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::OutOfRange);
}
