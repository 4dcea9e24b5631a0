// Clip files damaged during playback, seen from outside the real loophole-signal process:
// one deleted, one truncated, one left alone. The damaged clips go silent, the engine's log
// names each damaged file once, the healthy clip plays on, and the engine keeps answering.
#include "support/Offline.h"
#include "support/Playback.h"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

namespace {

/// Points this process's stderr at a file while a child is started, so the child's log
/// (its inherited stderr) can be read back; restores stderr when the scope ends.
class StderrToFile
{
public:
    explicit StderrToFile(const std::string& path)
        : saved(::dup(STDERR_FILENO)), file(::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600))
    {
        ::dup2(file, STDERR_FILENO);
    }
    ~StderrToFile()
    {
        ::dup2(saved, STDERR_FILENO);
        ::close(saved);
        ::close(file);
    }

private:
    int saved;
    int file;
};

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST(PlaybackFaults, DeletedAndTruncatedClipFilesGoSilentAreLoggedAndTheEngineCarriesOn)
{
    constexpr uint32_t rate = 48000;
    constexpr double seconds = 15.0; // longer than the test, so silence is the fault's doing
    const auto dir = std::filesystem::temp_directory_path() / ("loophole-content-faults-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto files = makeTrackFiles(dir, 3, rate, seconds);
    ASSERT_EQ(files.size(), 3u);
    const auto log = (dir / "signal.log").string();

    std::unique_ptr<SignalProcess> server;
    {
        StderrToFile capture(log);
        server = std::make_unique<SignalProcess>(uniqueSocketPath("content"), offlineArgs(int(rate)));
    }
    ASSERT_TRUE(server->ready());
    SignalClient client(server->socket());
    ASSERT_TRUE(client.handshake());
    ASSERT_TRUE(isAck(client.request(loadTracks(files, rate, seconds, seconds))));
    ASSERT_TRUE(isAck(client.request(subscribe(50.0f))));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));
    const auto before = watchTelemetry(client, 1000ms);
    ASSERT_EQ(before.nodesWithSignal(), 3 + 1) << "three tracks and the master play before the fault";

    std::filesystem::remove(files[0]);
    std::filesystem::resize_file(files[1], 1000); // the header and a few frames are left
    const auto damaged = std::chrono::steady_clock::now();

    // Each damaged file is named in the log, once.
    std::string text;
    for (int waited = 0; waited < 100; ++waited) {
        text = readAll(log);
        if (text.find(files[0]) != std::string::npos && text.find(files[1]) != std::string::npos)
            break;
        std::this_thread::sleep_for(100ms);
    }
    constexpr uint32_t firstClip = 10000; // tracksGraph's clip ids
    EXPECT_NE(text.find("clip " + std::to_string(firstClip) + " plays silence: its file " + files[0]),
              std::string::npos) << text;
    EXPECT_NE(text.find("clip " + std::to_string(firstClip + 1) + " plays silence: its file " + files[1]),
              std::string::npos) << text;
    EXPECT_EQ(text.find(files[2]), std::string::npos) << "the healthy file is not reported\n" << text;

    // Past what the streamer had buffered (under a second), the damaged tracks are silent
    // while the healthy one plays on and the engine clock keeps moving.
    std::this_thread::sleep_until(damaged + 1500ms);
    ASSERT_TRUE(answersPing(client)); // skips the telemetry queued while the log was read
    auto after = watchTelemetry(client, 1000ms);
    ASSERT_GT(after.frames, 10);
    EXPECT_GT(after.lastSample, after.firstSample);
    EXPECT_LE(after.loudest[kFirstTrackId], 0.001f) << "the deleted file's track still sounds";
    EXPECT_LE(after.loudest[kFirstTrackId + 1], 0.001f) << "the truncated file's track still sounds";
    EXPECT_GT(after.loudest[kFirstTrackId + 2], 0.01f) << "the healthy track went silent too";
    EXPECT_TRUE(answersPing(client));
    EXPECT_TRUE(server->running());

    const auto once = readAll(log);
    EXPECT_EQ(once.find(files[0]), once.rfind(files[0])) << "a damaged file is reported once\n" << once;
    server.reset();
    std::filesystem::remove_all(dir);
}
