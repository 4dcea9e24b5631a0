// 64 streamed tracks with gain and pan on a real JACK server (dummy driver, 48 kHz, 64
// frames), watched through telemetry: meters move and no xruns happen. The run length
// comes from LOOPHOLE_SOAK_SECONDS (default 10).
#include "support/Offline.h"
#include "support/Playback.h"

#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

namespace {

/// A private jackd for one test, killed when the test ends.
class JackServer
{
public:
    explicit JackServer(const std::string& serverName) : name(serverName)
    {
        child = ::fork();
        if (child == 0) {
            ::setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
            ::execlp("jackd", "jackd", "-n", name.c_str(), "-d", "dummy", "-r", "48000", "-p", "64",
                     static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }

    ~JackServer()
    {
        if (child <= 0)
            return;
        ::kill(child, SIGTERM);
        for (int i = 0; i < 300; ++i) {
            if (::waitpid(child, nullptr, WNOHANG) == child)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }

    bool alive() { return child > 0 && ::waitpid(child, nullptr, WNOHANG) == 0; }

    const std::string name;

private:
    pid_t child = -1;
};

double soakSeconds()
{
    const char* text = std::getenv("LOOPHOLE_SOAK_SECONDS");
    const double seconds = text ? std::atof(text) : 10.0;
    return seconds > 0 ? seconds : 10.0;
}

} // namespace

TEST(JackSoak, SixtyFourStreamedTracksRunWithoutXruns)
{
    if (std::system("command -v jackd > /dev/null") != 0)
        GTEST_SKIP() << "jackd is not installed";

    const std::string name = "lsrv-" + std::to_string(::getpid());
    JackServer jack(name);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ASSERT_TRUE(jack.alive()) << "jackd did not start";

    SignalProcess server(uniqueSocketPath("jack"), { "--backend", "jack" }, { "JACK_DEFAULT_SERVER=" + name });
    ASSERT_TRUE(server.ready());
    EXPECT_NE(server.line().find("(jack, 48000 Hz, 64 frames)"), std::string::npos) << server.line();

    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const double seconds = soakSeconds();
    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsrv-soak-wavs", 64, 48000);
    ASSERT_EQ(files.size(), 64u);
    const auto loaded = client.request(loadTracks(files, 48000, seconds + 30.0), 60s);
    ASSERT_TRUE(isAck(loaded)) << (asError(loaded) ? asError(loaded)->message : "no reply");
    ASSERT_TRUE(isAck(client.request(subscribe(30.0f))));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));

    auto watch = watchTelemetry(client, std::chrono::milliseconds(int64_t(seconds * 1000)));
    const uint32_t xruns = watch.lastXruns - watch.firstXruns;
    std::printf("JACK soak: %.0f s, 64 tracks, xruns %u, telemetry %.1f Hz (30 requested), "
                "max DSP load %.2f, %d tracks metered with signal\n",
                watch.seconds, xruns, watch.rate(), watch.maxDspLoad, watch.nodesWithSignal() - 1);

    EXPECT_TRUE(watch.sawPlaying);
    EXPECT_EQ(xruns, 0u);
    EXPECT_NEAR(watch.rate(), 30.0, 3.0);
    for (uint32_t track = kFirstTrackId; track < kFirstTrackId + 64; ++track)
        EXPECT_GT(watch.loudest[track], 0.01f) << "track " << track << " meter did not move";
    EXPECT_TRUE(jack.alive());
    EXPECT_TRUE(answersPing(client));
}
