// Invalid graphs are refused with the right code and field, and leave the held graph alone.
#include "TestGraphs.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {

CommandResult validate(const GraphBuilder& b)
{
    TestInsertFactory factory;
    Engine engine(factory);
    engine.setOfflineMode(true);
    engine.prepare(48000, 256, 2);
    return load(engine, b.graph);
}

void expectError(const CommandResult& r, ipc::ErrorCode code, const std::string& field)
{
    ASSERT_TRUE(r.has_value()) << "expected an error";
    EXPECT_EQ(r->code, code) << r->message;
    EXPECT_EQ(r->field, field) << r->message;
    EXPECT_FALSE(r->message.empty());
}

} // namespace

TEST(GraphValidation, AcceptsASimpleGraph)
{
    GraphBuilder b;
    b.master();
    b.channel(2, Kind::Audio, 3);
    b.channel(3, Kind::Bus, 1);
    EXPECT_FALSE(validate(b).has_value());
}

TEST(GraphValidation, RejectsDuplicateIds)
{
    GraphBuilder b;
    b.master();
    auto& track = b.channel(2, Kind::Audio);
    b.insert(track, 2, "dc:1");
    expectError(validate(b), ipc::ErrorCode::InvalidGraph, "2");
}

TEST(GraphValidation, RejectsOutputToMissingChannel)
{
    GraphBuilder b;
    b.master();
    b.channel(2, Kind::Audio, 9);
    expectError(validate(b), ipc::ErrorCode::InvalidGraph, "2.output");
}

TEST(GraphValidation, RejectsOutputIntoATrack)
{
    GraphBuilder b;
    b.master();
    b.channel(2, Kind::Audio, 1);
    b.channel(3, Kind::Audio, 2);
    expectError(validate(b), ipc::ErrorCode::InvalidGraph, "3.output");
}

TEST(GraphValidation, RejectsMissingOrExtraMaster)
{
    GraphBuilder none;
    none.channel(2, Kind::Bus, 0);
    expectError(validate(none), ipc::ErrorCode::InvalidGraph, "channels");
    GraphBuilder two;
    two.master(1);
    two.master(2);
    expectError(validate(two), ipc::ErrorCode::InvalidGraph, "channels");
}

TEST(GraphValidation, RejectsCycleThroughSends)
{
    GraphBuilder b;
    b.master();
    b.channel(2, Kind::Bus, 3);
    auto& bus3 = b.channel(3, Kind::Bus, 1);
    auto send = std::make_unique<ipc::SendT>();
    send->id = 10;
    send->target = 2;
    bus3.sends.push_back(std::move(send));
    auto r = validate(b);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::InvalidGraph);
    EXPECT_NE(r->message.find("loop"), std::string::npos);
}

TEST(GraphValidation, RejectsCycleThroughSidechain)
{
    GraphBuilder b;
    b.master();
    auto& bus = b.channel(2, Kind::Bus, 1);
    auto& track = b.channel(3, Kind::Audio, 2);
    (void) track;
    b.insert(bus, 10, "sidechain"); // bus feeds from... nothing yet
    auto& p = b.insert(*b.graph.channels[2], 11, "sidechain");
    p.sidechain_from = 2; // track 3 listens to bus 2, which track 3 feeds
    auto r = validate(b);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, ipc::ErrorCode::InvalidGraph);
}

TEST(GraphValidation, RejectsOutOfRangeValues)
{
    {
        GraphBuilder b;
        b.master();
        b.channel(2, Kind::Audio).gain = 17.0f;
        expectError(validate(b), ipc::ErrorCode::OutOfRange, "2.gain");
    }
    {
        GraphBuilder b;
        b.master();
        b.channel(2, Kind::Audio).gain = std::nanf("");
        expectError(validate(b), ipc::ErrorCode::OutOfRange, "2.gain");
    }
    {
        GraphBuilder b;
        b.master();
        b.channel(2, Kind::Audio).pan = 1.5f;
        expectError(validate(b), ipc::ErrorCode::OutOfRange, "2.pan");
    }
    {
        GraphBuilder b;
        b.master();
        auto& bus = b.channel(3, Kind::Bus);
        (void) bus;
        auto send = std::make_unique<ipc::SendT>();
        send->id = 7;
        send->target = 3;
        send->gain = -1.0f;
        b.channel(2, Kind::Audio).sends.push_back(std::move(send));
        expectError(validate(b), ipc::ErrorCode::OutOfRange, "7.gain");
    }
}

TEST(GraphValidation, MissingAudioFileIsAnIoFailureNamingTheClip)
{
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 42, "/nonexistent/take.wav", 0, 1000);
    expectError(validate(b), ipc::ErrorCode::IoFailure, "42");
}

TEST(GraphValidation, RefusedGraphLeavesTheHeldGraphPlaying)
{
    TestInsertFactory factory;
    Engine engine(factory);
    engine.setOfflineMode(true);
    engine.prepare(48000, 256, 2);
    GraphBuilder good;
    good.graph.revision = 7;
    good.master();
    good.insert(good.channel(2, Kind::Audio), 20, "dc:1");
    ASSERT_FALSE(load(engine, good.graph).has_value());

    GraphBuilder bad;
    bad.graph.revision = 8;
    bad.master();
    bad.channel(2, Kind::Audio, 99);
    ASSERT_TRUE(load(engine, bad.graph).has_value());
    EXPECT_EQ(engine.graph()->revision, 7u);
    const auto out = run(engine, 256);
    EXPECT_NEAR(out.left[100], 0.5f, 1e-6f); // dc 1 through two centre pans
}
