// Peers that break the protocol while the engine plays: one that speaks an older major
// version, one of a newer minor that sends a command this engine does not know, and
// clients whose socket closes in the middle of a frame. Each gets its answer (or is
// dropped), and the engine keeps playing for a client that watches its telemetry.
#include "support/Offline.h"
#include "support/Playback.h"

#include "loophole/ipc/ProtocolVersion.h"

#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
namespace contract = loophole::contract;
using namespace loophole::signal::testing;

namespace {

constexpr uint32_t rate = 48000;

/// A server playing one streamed track, and a client subscribed to its telemetry.
struct PlayingServer
{
    std::filesystem::path dir = std::filesystem::temp_directory_path()
                                / ("loophole-protocol-faults-" + std::to_string(::getpid()));
    std::vector<std::string> files = makeTrackFiles(dir, 1, rate, 2.0);
    SignalProcess server { uniqueSocketPath("protocol"), offlineArgs(int(rate)) };
    SignalClient watcher { server.socket() };

    ::testing::AssertionResult start()
    {
        if (! server.ready() || files.empty() || ! watcher.handshake())
            return ::testing::AssertionFailure() << "no server, track file or handshake";
        if (! isAck(watcher.request(loadTracks(files, rate, 600.0, 2.0))) || ! isAck(watcher.request(subscribe(50.0f)))
            || ! isAck(watcher.request(transport(ipc::TransportAction::Play, 0))))
            return ::testing::AssertionFailure() << "the track did not load and play";
        return ::testing::AssertionSuccess();
    }

    /// Whether, over the next second, the engine's clock moves and the track sounds.
    ::testing::AssertionResult stillPlaying()
    {
        // The Pong comes after every telemetry frame queued before it: those are skipped,
        // so what is watched below was produced after the fault.
        if (! answersPing(watcher))
            return ::testing::AssertionFailure() << "the watching client gets no Pong";
        auto watch = watchTelemetry(watcher, 1000ms);
        if (watch.frames < 10 || watch.lastSample <= watch.firstSample || ! watch.sawPlaying)
            return ::testing::AssertionFailure() << watch.frames << " telemetry frames, engine clock "
                                                 << watch.firstSample << " -> " << watch.lastSample;
        if (watch.loudest[kFirstTrackId] < 0.01f)
            return ::testing::AssertionFailure() << "the track went silent";
        if (! answersPing(watcher))
            return ::testing::AssertionFailure() << "the watching client gets no Pong";
        return ::testing::AssertionSuccess();
    }

    /// Open descriptors of the server process: sockets of clients it has not dropped count.
    int openDescriptors() const
    {
        const auto fds = std::filesystem::path("/proc") / std::to_string(server.pid()) / "fd";
        std::error_code ec;
        return int(std::distance(std::filesystem::directory_iterator(fds, ec), std::filesystem::directory_iterator()));
    }

    ~PlayingServer() { std::filesystem::remove_all(dir); }
};

/// A frame whose body is a union member added after this build (as a newer minor may send).
std::vector<uint8_t> frameWithUnknownBody(uint64_t seq)
{
    flatbuffers::FlatBufferBuilder builder;
    const auto body = ipc::CreatePing(builder, 5).Union();
    const auto unknown = static_cast<ipc::Body>(static_cast<int>(ipc::Body::MAX) + 1);
    return contract::finishFrame(builder, ipc::CreateFrame(builder, seq, 0, unknown, body));
}

} // namespace

TEST(ProtocolFaults, AnOlderMajorIsRefusedNamingBothVersionsWhileTheEnginePlaysOn)
{
    static_assert(ipc::kProtocolMajor >= 1, "an older major exists only from major 1 on");
    PlayingServer playing;
    ASSERT_TRUE(playing.start());

    SignalClient old(playing.server.socket());
    const auto reply = old.hello(uint16_t(ipc::kProtocolMajor - 1), 9);
    const auto* error = asError(reply);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, ipc::ErrorCode::IncompatibleVersion);
    const auto theirs = std::to_string(ipc::kProtocolMajor - 1) + ".9";
    const auto ours = std::to_string(ipc::kProtocolMajor) + "." + std::to_string(ipc::kProtocolMinor);
    EXPECT_NE(error->message.find(theirs), std::string::npos) << error->message;
    EXPECT_NE(error->message.find(ours), std::string::npos) << error->message;
    EXPECT_TRUE(old.closedByPeer());

    EXPECT_TRUE(playing.stillPlaying());
}

TEST(ProtocolFaults, ANewerMinorIsWelcomedAndACommandItAddedIsUnsupported)
{
    PlayingServer playing;
    ASSERT_TRUE(playing.start());

    SignalClient newer(playing.server.socket());
    const auto welcome = newer.hello(ipc::kProtocolMajor, uint16_t(ipc::kProtocolMinor + 5));
    ASSERT_TRUE(welcome && welcome->body.type == ipc::Body::Welcome);

    newer.sendRaw(frameWithUnknownBody(2));
    const auto reply = newer.waitFor([](const ipc::FrameT& f) { return f.reply_to == 2; });
    const auto* error = asError(reply);
    ASSERT_NE(error, nullptr) << "a command from a newer minor gets an answer";
    EXPECT_EQ(error->code, ipc::ErrorCode::Unsupported);
    EXPECT_FALSE(error->message.empty());
    EXPECT_TRUE(answersPing(newer)) << "the connection stays usable";

    EXPECT_TRUE(playing.stillPlaying());
}

TEST(ProtocolFaults, ASocketClosedMidFrameDropsOnlyThatClientWhileTheEnginePlaysOn)
{
    PlayingServer playing;
    ASSERT_TRUE(playing.start());
    const int descriptorsBefore = playing.openDescriptors();
    ASSERT_GT(descriptorsBefore, 0);

    // A large command (a graph of 64 tracks) cut at each kind of boundary.
    auto big = tracksGraph(64, std::vector<std::string>(64, playing.files[0]), rate);
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>(std::move(big));
    auto bigFrame = SignalClient::frameOf(std::move(load));
    bigFrame.seq = 2;
    const auto bytes = contract::encodeFrame(bigFrame);
    for (const size_t cut : { size_t(1), size_t(3), size_t(4), size_t(12), bytes.size() / 2, bytes.size() - 1 }) {
        SignalClient rude(playing.server.socket());
        ASSERT_TRUE(rude.handshake());
        rude.sendRaw(std::vector<uint8_t>(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut)));
    } // each closes here, mid-frame

    // The server lets go of every rude client's socket.
    int descriptorsAfter = 0;
    for (int waited = 0; waited < 50; ++waited) {
        descriptorsAfter = playing.openDescriptors();
        if (descriptorsAfter <= descriptorsBefore)
            break;
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_LE(descriptorsAfter, descriptorsBefore) << "the server kept sockets of clients that left";

    EXPECT_TRUE(playing.stillPlaying());
    SignalClient next(playing.server.socket());
    EXPECT_TRUE(next.handshake() && answersPing(next)) << "new clients are still served";
}
