// Several clients at once; one misbehaving client never affects the others.
#include "support/Offline.h"

#include <sys/socket.h>
#include <thread>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
namespace contract = loophole::contract;
using namespace loophole::signal::testing;

TEST(Clients, TwoClientsEachGetTheirOwnReplies)
{
    SignalProcess server(uniqueSocketPath("two"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient a(server.socket());
    SignalClient b(server.socket());
    ASSERT_TRUE(a.handshake());
    ASSERT_TRUE(b.handshake());

    for (uint64_t i = 0; i < 50; ++i) {
        const auto seqA = a.send(ping(1000 + i));
        const auto seqB = b.send(ping(2000 + i));
        auto replyB = b.waitFor([&](const ipc::FrameT& f) { return f.reply_to == seqB; });
        auto replyA = a.waitFor([&](const ipc::FrameT& f) { return f.reply_to == seqA; });
        ASSERT_TRUE(replyA && replyB);
        ASSERT_EQ(replyA->body.type, ipc::Body::Pong);
        EXPECT_EQ(replyA->body.AsPong()->nonce, 1000 + i);
        EXPECT_EQ(replyB->body.AsPong()->nonce, 2000 + i);
    }
}

TEST(Clients, DisconnectingMidFrameOrSendingGarbageLeavesOthersAlone)
{
    SignalProcess server(uniqueSocketPath("rude"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient polite(server.socket());
    ASSERT_TRUE(polite.handshake());

    for (int round = 0; round < 20; ++round) {
        SignalClient rude(server.socket());
        ASSERT_TRUE(rude.handshake());
        auto bytes = contract::encodeFrame(ping(7));
        bytes.resize(bytes.size() / 2); // half a frame, then gone
        rude.sendRaw(bytes);
    }
    {
        SignalClient noisy(server.socket());
        std::vector<uint8_t> junk(100000, 0x41);
        noisy.sendRaw(junk);
    }
    EXPECT_TRUE(answersPing(polite));
    EXPECT_TRUE(server.running());
}

TEST(Clients, AClientThatStopsReadingDoesNotStallOthers)
{
    SignalProcess server(uniqueSocketPath("stall"), offlineArgs());
    ASSERT_TRUE(server.ready());

    SignalClient stuck(server.socket());
    ASSERT_TRUE(stuck.handshake());
    ipc::SubscribeT fast;
    fast.telemetry_hz = 1000.0f;
    stuck.send(SignalClient::frameOf(std::move(fast)));
    // It also floods commands whose replies it never reads.
    for (int i = 0; i < 20000; ++i)
        stuck.send(ping(uint64_t(i)));

    SignalClient healthy(server.socket());
    ASSERT_TRUE(healthy.handshake());
    ipc::SubscribeT normal;
    normal.telemetry_hz = 50.0f;
    ASSERT_TRUE(isAck(healthy.request(SignalClient::frameOf(std::move(normal)))));

    int telemetry = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < until)
        if (auto frame = healthy.receive(100ms); frame && frame->body.type == ipc::Body::Telemetry)
            ++telemetry;
    EXPECT_GE(telemetry, 70); // ~100 expected at 50 Hz over 2 s
    EXPECT_TRUE(answersPing(healthy));
}
