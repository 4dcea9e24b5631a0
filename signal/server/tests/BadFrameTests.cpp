// A table of bad frames, each answered with the right ErrorCode; the server keeps
// answering Ping afterwards (on a new connection when the stream had to be closed).
#include "support/Graphs.h"
#include "support/Offline.h"

#include <cmath>
#include <random>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
namespace contract = loophole::contract;
using namespace loophole::signal::testing;

namespace {

std::vector<uint8_t> pingBytes()
{
    auto frame = ping(1);
    frame.seq = 99;
    return contract::encodeFrame(frame);
}

std::vector<uint8_t> withLength(std::vector<uint8_t> bytes)
{
    const uint32_t size = uint32_t(bytes.size() - 4);
    for (int i = 0; i < 4; ++i)
        bytes[size_t(i)] = uint8_t(size >> (8 * i));
    return bytes;
}

ipc::FrameT setChannelGain(uint32_t node, float value)
{
    ipc::SetParameterT change;
    change.address = std::make_unique<ipc::ParameterAddress>(node, uint32_t(ipc::ChannelParam::Gain));
    change.value = value;
    return SignalClient::frameOf(std::move(change));
}

ipc::FrameT loadGraph(ipc::GraphSnapshotT graph)
{
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>(std::move(graph));
    return SignalClient::frameOf(std::move(load));
}

struct BadFrame
{
    const char* name;
    std::vector<uint8_t> bytes;
    ipc::ErrorCode expected;
    bool closesConnection;
};

std::vector<BadFrame> badFrames()
{
    std::vector<BadFrame> table;

    std::mt19937 random(1234);
    std::vector<uint8_t> garbage(4 + 64);
    for (auto& byte : garbage)
        byte = uint8_t(random());
    table.push_back({ "random garbage", withLength(garbage), ipc::ErrorCode::MalformedFrame, false });

    table.push_back({ "shorter than a frame header", withLength({ 0, 0, 0, 0, 1, 2 }),
                      ipc::ErrorCode::MalformedFrame, false });

    auto truncated = pingBytes();
    truncated.resize(truncated.size() - 6);
    table.push_back({ "truncated", withLength(truncated), ipc::ErrorCode::MalformedFrame, false });

    auto wrongId = pingBytes();
    std::copy_n("XXXX", 4, wrongId.begin() + 8);
    table.push_back({ "wrong identifier", wrongId, ipc::ErrorCode::MalformedFrame, false });

    table.push_back({ "oversized length", { 0xf0, 0xff, 0xff, 0xff, 1, 2, 3, 4 },
                      ipc::ErrorCode::MalformedFrame, true });

    auto nanGain = setChannelGain(kFirstTrackId, std::nanf(""));
    nanGain.seq = 7;
    table.push_back({ "NaN gain", contract::encodeFrame(nanGain), ipc::ErrorCode::OutOfRange, false });

    auto unknownNode = setChannelGain(987654, 0.5f);
    unknownNode.seq = 8;
    table.push_back({ "unknown node id", contract::encodeFrame(unknownNode), ipc::ErrorCode::UnknownNode, false });

    auto cycle = tracksGraph(2);
    cycle.channels[1]->output = kFirstTrackId + 1; // track 1 -> track 2 -> track 1
    cycle.channels[2]->output = kFirstTrackId;
    auto cyclic = loadGraph(std::move(cycle));
    cyclic.seq = 9;
    table.push_back({ "graph with a cycle", contract::encodeFrame(cyclic), ipc::ErrorCode::InvalidGraph, false });

    auto reply = SignalClient::frameOf(ipc::PongT {});
    reply.seq = 10;
    table.push_back({ "a reply sent as a command", contract::encodeFrame(reply), ipc::ErrorCode::Unsupported, false });
    return table;
}

} // namespace

TEST(BadFrames, EachGetsItsErrorAndTheEngineKeepsAnswering)
{
    SignalProcess server(uniqueSocketPath("bad"), offlineArgs());
    ASSERT_TRUE(server.ready());
    {
        SignalClient setup(server.socket());
        ASSERT_TRUE(setup.handshake());
        ASSERT_TRUE(isAck(setup.request(loadGraph(tracksGraph(2)))));
    }

    for (const auto& bad : badFrames()) {
        SCOPED_TRACE(bad.name);
        SignalClient client(server.socket());
        ASSERT_TRUE(client.handshake());
        client.sendRaw(bad.bytes);
        auto reply = client.waitFor([](const ipc::FrameT& f) { return f.body.type == ipc::Body::Error; });
        const auto* error = asError(reply);
        ASSERT_NE(error, nullptr);
        EXPECT_EQ(error->code, bad.expected) << error->message;
        EXPECT_FALSE(error->message.empty());

        if (bad.closesConnection) {
            EXPECT_TRUE(client.closedByPeer());
            SignalClient fresh(server.socket());
            ASSERT_TRUE(fresh.handshake());
            EXPECT_TRUE(answersPing(fresh));
        } else {
            EXPECT_TRUE(answersPing(client));
        }
    }

    // The graph loaded before the bad frames is intact.
    SignalClient check(server.socket());
    ASSERT_TRUE(check.handshake());
    auto state = check.request(SignalClient::frameOf(ipc::QueryGraphT {}));
    ASSERT_TRUE(state);
    ASSERT_EQ(state->body.type, ipc::Body::GraphState);
    ASSERT_TRUE(state->body.AsGraphState()->snapshot);
    EXPECT_EQ(state->body.AsGraphState()->snapshot->channels.size(), 3u);
}

TEST(BadFrames, MissingPayloadsAndBadRangesAreOutOfRange)
{
    SignalProcess server(uniqueSocketPath("range"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto noSnapshotReply = client.request(SignalClient::frameOf(ipc::LoadGraphT {}));
    const auto* noSnapshot = asError(noSnapshotReply);
    ASSERT_NE(noSnapshot, nullptr);
    EXPECT_EQ(noSnapshot->code, ipc::ErrorCode::OutOfRange);

    ipc::SubscribeT subscribe;
    subscribe.telemetry_hz = std::nanf("");
    const auto badRateReply = client.request(SignalClient::frameOf(std::move(subscribe)));
    const auto* badRate = asError(badRateReply);
    ASSERT_NE(badRate, nullptr);
    EXPECT_EQ(badRate->code, ipc::ErrorCode::OutOfRange);

    ipc::RenderRequestT render;
    render.output_path = "/tmp/never.wav";
    render.start = 100;
    render.end = 50;
    const auto badRenderReply = client.request(SignalClient::frameOf(std::move(render)));
    const auto* badRender = asError(badRenderReply);
    ASSERT_NE(badRender, nullptr);
    EXPECT_EQ(badRender->code, ipc::ErrorCode::OutOfRange);

    EXPECT_TRUE(answersPing(client));
}
