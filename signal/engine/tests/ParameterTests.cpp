// Sample-accurate parameter changes and automation, for strip values and insert parameters.
#include "TestGraphs.h"

#include "automation/Curve.h"
#include "automation/ParameterLedger.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;
using Shape = ipc::CurveShape;

namespace {
struct Rig : EngineRig
{
    explicit Rig(const char* insert) : EngineRig(true, 512)
    {
        GraphBuilder b;
        b.master();
        auto& track = b.channel(2, Kind::Audio);
        b.insert(track, 20, insert);
        track.gain = 2.0f; // cancels the two centre pans
        EXPECT_FALSE(load(engine, b.graph).has_value());
    }
};
} // namespace

TEST(Parameters, StripGainStepLandsOnItsEngineSample)
{
    Rig rig("dc:1");
    run(rig.engine, 1000, 512); // engine clock now 1000
    ASSERT_FALSE(setParameter(rig.engine, 2, 0, 1.0f, 1234).has_value());
    const auto out = run(rig.engine, 1024, 512); // frames 1000..2023
    EXPECT_NEAR(out.left[233], 1.0f, 1e-6f);     // engine sample 1233: old gain 2 (x0.5)
    EXPECT_NEAR(out.left[234], 0.5f, 1e-6f);     // engine sample 1234: new gain 1
    EXPECT_NEAR(out.left[1023], 0.5f, 1e-6f);
}

TEST(Parameters, InsertParameterStepLandsOnItsEngineSample)
{
    Rig rig("param");
    run(rig.engine, 700, 512);
    ASSERT_FALSE(setParameter(rig.engine, 20, 0, 0.75f, 1500).has_value());
    ASSERT_FALSE(setParameter(rig.engine, 20, 0, 0.25f, 1501).has_value());
    const auto out = run(rig.engine, 1024, 512); // engine 700..1723; 1500 is in the second block
    EXPECT_EQ(out.left[799], 0.0f);               // sample 1499
    EXPECT_NEAR(out.left[800], 0.75f, 1e-6f);     // sample 1500
    EXPECT_NEAR(out.left[801], 0.25f, 1e-6f);     // sample 1501
}

TEST(Parameters, ChangesInThePastLandAtTheNextBlock)
{
    Rig rig("dc:1");
    run(rig.engine, 1000);
    ASSERT_FALSE(setParameter(rig.engine, 2, 0, 0.0f, 10).has_value());
    const auto out = run(rig.engine, 16);
    EXPECT_EQ(out.left[0], 0.0f);
}

TEST(Parameters, OutOfRangeAndUnknownAreRefused)
{
    Rig rig("param");
    auto r = setParameter(rig.engine, 2, 0, 17.0f);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::OutOfRange);
    EXPECT_EQ(r->field, "2.gain");
    r = setParameter(rig.engine, 99, 0, 0.5f);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::UnknownNode);
    EXPECT_EQ(r->field, "99");
    r = setParameter(rig.engine, 20, 0, 1.5f);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::OutOfRange);
    r = setParameter(rig.engine, 2, 1, std::nanf(""));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::OutOfRange);
}

TEST(Parameters, TelemetryCountsAndDigestsTheChangesTheAudioThreadTook)
{
    Rig rig("param");
    ParameterLedger expected;
    for (int i = 0; i < 1000; ++i) {
        const bool strip = i % 2 == 0;
        const float value = static_cast<float>(i % 100) / 100.0f;
        ASSERT_FALSE(setParameter(rig.engine, strip ? 2 : 20, 0, value).has_value());
        expected.record({ strip ? 2u : 20u, 0, value });
    }
    ipc::TelemetryT before;
    rig.engine.collectTelemetry(before);
    EXPECT_EQ(before.parameter_changes, 0u); // queued, not yet taken by the audio thread
    run(rig.engine, 512);
    ipc::TelemetryT after;
    rig.engine.collectTelemetry(after);
    EXPECT_EQ(after.parameter_changes, 1000u);
    EXPECT_EQ(after.parameter_digest, expected.digest);

    // The digest tells order apart: the same two changes swapped fold differently.
    ParameterLedger ab, ba;
    ab.record({ 2, 0, 0.5f });
    ab.record({ 2, 0, 0.25f });
    ba.record({ 2, 0, 0.25f });
    ba.record({ 2, 0, 0.5f });
    EXPECT_NE(ab.digest, ba.digest);
}

TEST(Parameters, AFullQueueRefusesAChangeWithoutHoldingItsValue)
{
    Rig rig("param");
    int accepted = 0;
    CommandResult refused;
    for (int i = 0; i < 100000 && ! refused; ++i) {
        refused = setParameter(rig.engine, 2, 0, i % 2 ? 0.5f : 0.25f);
        accepted += refused ? 0 : 1;
    }
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->code, ipc::ErrorCode::Busy);
    // The last accepted value is what QueryGraph reports, not the refused one.
    const float lastAccepted = (accepted - 1) % 2 ? 0.5f : 0.25f;
    EXPECT_EQ(rig.engine.graph()->channels[1]->gain, lastAccepted);
    run(rig.engine, 512);
    ipc::TelemetryT t;
    rig.engine.collectTelemetry(t);
    EXPECT_EQ(t.parameter_changes, static_cast<uint64_t>(accepted));
}

TEST(Automation, ShapesBetweenTwoPoints)
{
    auto mid = [](Shape s, float tension, float a, float b) { return shapeValue(s, tension, a, b, 0.5); };
    EXPECT_FLOAT_EQ(mid(Shape::Hold, 0, 0.2f, 0.8f), 0.2f);
    EXPECT_FLOAT_EQ(mid(Shape::Linear, 0, 0.2f, 0.8f), 0.5f);
    EXPECT_FLOAT_EQ(mid(Shape::Exponential, 0, 0.25f, 1.0f), 0.5f); // geometric mean
    EXPECT_FLOAT_EQ(mid(Shape::SCurve, 0, 0.0f, 1.0f), 0.5f);
    EXPECT_NEAR(shapeValue(Shape::SCurve, 0, 0.0f, 1.0f, 0.25), 0.5 - 0.5 * std::cos(3.14159265 * 0.25), 1e-6);
    EXPECT_LT(mid(Shape::Tension, 1.0f, 0.0f, 1.0f), 0.5f);  // slow start
    EXPECT_GT(mid(Shape::Tension, -1.0f, 0.0f, 1.0f), 0.5f); // fast start
    EXPECT_FLOAT_EQ(mid(Shape::Tension, 0.0f, 0.0f, 1.0f), 0.5f);

    Curve curve({ ipc::AutomationPoint(100, 1.0f, Shape::Linear, 0), ipc::AutomationPoint(200, 3.0f, Shape::Hold, 0),
                  ipc::AutomationPoint(300, 0.0f, Shape::Hold, 0) });
    EXPECT_FLOAT_EQ(curve.valueAt(0), 1.0f);
    EXPECT_FLOAT_EQ(curve.valueAt(150), 2.0f);
    EXPECT_FLOAT_EQ(curve.valueAt(299), 3.0f);
    EXPECT_FLOAT_EQ(curve.valueAt(300), 0.0f);
    float rendered[300];
    curve.render(50, rendered, 300);
    for (int i = 0; i < 300; ++i)
        ASSERT_FLOAT_EQ(rendered[i], curve.valueAt(50 + i)) << i;
}

TEST(Automation, StripGainFollowsItsCurvePerSample)
{
    Rig rig("dc:1");
    ASSERT_FALSE(setAutomation(rig.engine, 2, 0,
                               { ipc::AutomationPoint(0, 0.0f, Shape::Linear, 0),
                                 ipc::AutomationPoint(1000, 2.0f, Shape::Hold, 0),
                                 ipc::AutomationPoint(1500, 0.5f, Shape::Hold, 0) })
                     .has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
    const auto out = run(rig.engine, 2000, 512);
    // Output = curve value x 0.5 (two centre pans).
    EXPECT_NEAR(out.left[500], 1.0f * 0.5f, 1e-6f);
    EXPECT_NEAR(out.left[250], 0.5f * 0.5f, 1e-6f);
    EXPECT_NEAR(out.left[1499], 1.0f, 1e-6f);
    EXPECT_NEAR(out.left[1500], 0.25f, 1e-6f) << "a Hold step lands on its sample";
}

TEST(Automation, InsertParametersFollowTheirCurveAndAreExactAtBlockStarts)
{
    Rig rig("param");
    ASSERT_FALSE(setAutomation(rig.engine, 20, 0,
                               { ipc::AutomationPoint(0, 0.0f, Shape::Linear, 0),
                                 ipc::AutomationPoint(1024, 1.0f, Shape::Hold, 0) })
                     .has_value());
    ASSERT_FALSE(transport(rig.engine, ipc::TransportAction::Play, 0).has_value());
    const auto out = run(rig.engine, 2048, 256);
    for (int start : { 0, 256, 512, 768 })
        EXPECT_NEAR(out.left[static_cast<size_t>(start)], start / 1024.0f, 1e-6f) << start;
    EXPECT_NEAR(out.left[32 + 5], 32 / 1024.0f, 1e-6f) << "held between 32-sample updates";
    EXPECT_NEAR(out.left[1500], 1.0f, 1e-6f);
    // Clearing the curve leaves the last value in place.
    ASSERT_FALSE(setAutomation(rig.engine, 20, 0, {}).has_value());
    EXPECT_TRUE(rig.engine.graph()->channels[1]->automation.empty());
}
