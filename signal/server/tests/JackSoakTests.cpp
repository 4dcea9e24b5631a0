// 64 streamed tracks with gain and pan on a real JACK server (dummy driver, 48 kHz, 64
// frames), watched through telemetry: meters move and the engine's own callbacks finish inside
// their blocks (Telemetry callback_overruns). On a shared VM the server misses deadlines even
// for a client that does nothing, so jackd's count is printed beside a trivial client's on the
// same server, measured first for as long. Then the process renders the same project offline
// and prints how much faster than real time. The run length comes from LOOPHOLE_SOAK_SECONDS
// (default 10).
#include "support/JackServer.h"
#include "support/Offline.h"
#include "support/Playback.h"

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

namespace {

double soakSeconds()
{
    const char* text = std::getenv("LOOPHOLE_SOAK_SECONDS");
    const double seconds = text ? std::atof(text) : 10.0;
    return seconds > 0 ? seconds : 10.0;
}

} // namespace

TEST(JackDevice, OfflineToJackAndBackWithoutRestart)
{
    if (std::system("command -v jackd > /dev/null") != 0)
        GTEST_SKIP() << "jackd is not installed";
    const std::string name = "lsrv-switch-" + std::to_string(::getpid());
    JackServer jack(name);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ASSERT_TRUE(jack.alive()) << "jackd did not start";

    SignalProcess server(uniqueSocketPath("switch"), offlineArgs(44100, 512), { "JACK_DEFAULT_SERVER=" + name });
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    auto setDevice = [](std::string backend) {
        ipc::SetAudioDeviceT body;
        body.backend = std::move(backend);
        return SignalClient::frameOf(std::move(body));
    };
    auto changedTo = [&](const char* backend, uint32_t rate, uint32_t frames) {
        auto changed = client.waitFor([](const ipc::FrameT& f) { return f.body.type == ipc::Body::DeviceChanged; });
        return changed && changed->body.AsDeviceChanged()->backend == backend
            && changed->body.AsDeviceChanged()->sample_rate == rate
            && changed->body.AsDeviceChanged()->buffer_size == frames;
    };

    const auto toJack = client.request(setDevice("jack"));
    ASSERT_TRUE(isAck(toJack)) << (asError(toJack) ? asError(toJack)->message : "no reply");
    EXPECT_TRUE(changedTo("jack", 48000, 64));
    EXPECT_TRUE(answersPing(client));

    ASSERT_TRUE(isAck(client.request(setDevice("offline"))));
    EXPECT_TRUE(changedTo("offline", 48000, 64)); // keeps the running format where it can
    EXPECT_TRUE(answersPing(client));
    EXPECT_TRUE(server.running());
}

TEST(JackSoak, SixtyFourStreamedTracksAddNoXrunsBeyondTheMachines)
{
    if (std::system("command -v jackd > /dev/null") != 0)
        GTEST_SKIP() << "jackd is not installed";

    const std::string name = "lsrv-" + std::to_string(::getpid());
    JackServer jack(name);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ASSERT_TRUE(jack.alive()) << "jackd did not start";
    const double seconds = soakSeconds();

    // Baseline: the same server with a trivial client (jack_metro, from jackd2) for as long.
    // -k: jack_metro can hang in its SIGTERM handler closing the client; then it is killed.
    int baselineXruns = 0;
    if (std::system("command -v jack_metro > /dev/null") == 0) {
        const int before = jack.loggedXruns();
        const std::string metro = "JACK_DEFAULT_SERVER=" + name + " timeout -k 3 " + std::to_string(int(seconds))
                                + " jack_metro -b 120 > /dev/null 2>&1";
        [[maybe_unused]] const int status = std::system(metro.c_str());
        baselineXruns = jack.loggedXruns() - before;
    }

    SignalProcess server(uniqueSocketPath("jack"), { "--backend", "jack" }, { "JACK_DEFAULT_SERVER=" + name });
    ASSERT_TRUE(server.ready());
    EXPECT_NE(server.line().find("(jack, 48000 Hz, 64 frames)"), std::string::npos) << server.line();

    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsrv-soak-wavs", 64, 48000);
    ASSERT_EQ(files.size(), 64u);
    const auto loaded = client.request(loadTracks(files, 48000, seconds + 30.0), 60s);
    ASSERT_TRUE(isAck(loaded)) << (asError(loaded) ? asError(loaded)->message : "no reply");
    ASSERT_TRUE(isAck(client.request(subscribe(30.0f))));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));

    const int loggedBefore = jack.loggedXruns();
    auto watch = watchTelemetry(client, std::chrono::milliseconds(int64_t(seconds * 1000)));
    const uint32_t reportedXruns = watch.lastXruns - watch.firstXruns;
    const int engineXruns = jack.loggedXruns() - loggedBefore;
    const uint32_t lateCallbacks = watch.lastOverruns - watch.firstOverruns;
    std::printf("JACK soak: %.0f s, 64 tracks: jackd logged %d xruns (engine reported %u); trivial client "
                "baseline in the same run: %d xruns; the engine's own late callbacks %u (longest %.0f%% of a "
                "block); telemetry %.1f Hz (30 requested), max DSP load %.2f, %d tracks metered with signal\n",
                watch.seconds, engineXruns, reportedXruns, baselineXruns, lateCallbacks, 100.0 * watch.maxCallbackLoad,
                watch.rate(), watch.maxDspLoad, watch.nodesWithSignal() - 1);

    EXPECT_TRUE(watch.sawPlaying);
    EXPECT_NEAR(watch.rate(), 30.0, 3.0);
    for (uint32_t track = kFirstTrackId; track < kFirstTrackId + 64; ++track)
        EXPECT_GT(watch.loudest[track], 0.01f) << "track " << track << " meter did not move";
    EXPECT_TRUE(jack.alive());
    EXPECT_TRUE(answersPing(client));
    // Every block's work fits well inside its deadline, so a late cycle is the scheduler's...
    EXPECT_LT(watch.maxDspLoad, 0.5f);
    // ...and no block of the engine's own ran late. Allowed: two, for the times this 2-vCPU VM
    // deschedules the audio thread mid-callback (the count is wall-clock). jackd's own count is
    // printed, not held: here it is mostly jackd's timer waking late (about 96 a minute with no
    // client at all) and swings from 0.7x to 2.7x a do-nothing client's in the same run.
    EXPECT_LE(lateCallbacks, 2u) << "jackd logged " << engineXruns << ", a do-nothing client " << baselineXruns;

    // The same project rendered offline by the same process on its render thread, playback
    // stopped so the render has a core: the issue asks for >= 100x real time. Printed, not
    // held (wall clock, and it includes opening the 64 files).
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Stop))));
    const auto output =
        (std::filesystem::temp_directory_path() / ("lsrv-soak-render-" + std::to_string(::getpid()) + ".wav")).string();
    const int64_t renderFrames = int64_t(seconds * 48000);
    const auto rendered = client.request(renderRequest(output, renderFrames), 120s);
    ASSERT_TRUE(rendered && rendered->body.type == ipc::Body::RenderDone)
        << (asError(rendered) ? asError(rendered)->message : "no RenderDone");
    const auto* done = rendered->body.AsRenderDone();
    EXPECT_EQ(done->frames, renderFrames);
    std::printf("JACK soak: the same %.0f s of 64 tracks rendered offline by the engine in %.3f s: %.1fx real time\n",
                seconds, done->seconds, seconds / done->seconds);
    std::filesystem::remove(output);
}
