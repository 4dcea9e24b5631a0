// Telemetry arrives at the rate each subscriber asked for, with meters that move while playing.
#include "support/Offline.h"
#include "support/Playback.h"

#include <thread>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

TEST(Telemetry, ArrivesAtTheRequestedRateWithMovingMeters)
{
    SignalProcess server(uniqueSocketPath("meters"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsrv-telemetry-wavs", 4, 48000);
    ASSERT_EQ(files.size(), 4u);
    const auto loaded = client.request(loadTracks(files, 48000, 30.0));
    ASSERT_TRUE(isAck(loaded)) << (asError(loaded) ? asError(loaded)->message : "no reply");
    ASSERT_TRUE(isAck(client.request(subscribe(30.0f))));

    const auto silent = watchTelemetry(client, 1000ms);
    EXPECT_EQ(silent.nodesWithSignal(), 0) << "meters moved while stopped";

    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));
    auto playing = watchTelemetry(client, 3000ms);
    std::printf("telemetry at 30 Hz requested: %.1f Hz achieved, %d frames\n", playing.rate(), playing.frames);
    EXPECT_NEAR(playing.rate(), 30.0, 3.0);
    EXPECT_TRUE(playing.sawPlaying);
    EXPECT_GT(playing.lastSample, playing.firstSample);
    for (uint32_t track = kFirstTrackId; track < kFirstTrackId + 4; ++track)
        EXPECT_GT(playing.loudest[track], 0.01f) << "track " << track << " meter did not move";
}

TEST(Telemetry, EachSubscriberHasItsOwnRateAndUnsubscribeStopsIt)
{
    SignalProcess server(uniqueSocketPath("rates"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient slow(server.socket()), fast(server.socket());
    ASSERT_TRUE(slow.handshake());
    ASSERT_TRUE(fast.handshake());
    ASSERT_TRUE(isAck(slow.request(subscribe(10.0f))));
    ASSERT_TRUE(isAck(fast.request(subscribe(100.0f))));

    std::thread watcher([&] {
        const auto rate = watchTelemetry(slow, 2000ms).rate();
        std::printf("10 Hz subscriber: %.1f Hz\n", rate);
        EXPECT_NEAR(rate, 10.0, 1.5);
    });
    const auto rate = watchTelemetry(fast, 2000ms).rate();
    watcher.join();
    std::printf("100 Hz subscriber: %.1f Hz\n", rate);
    EXPECT_NEAR(rate, 100.0, 10.0);

    ASSERT_TRUE(isAck(fast.request(SignalClient::frameOf(ipc::UnsubscribeT {}))));
    watchTelemetry(fast, 100ms); // frames already on their way
    EXPECT_EQ(watchTelemetry(fast, 500ms).frames, 0);
}
