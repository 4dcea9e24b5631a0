// RenderRequest on the worker thread: Progress events, RenderDone, Busy, CancelRender.
#include "support/Offline.h"
#include "support/Playback.h"

#include <juce_audio_formats/juce_audio_formats.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

TEST(Render, TheLiveGraphRendersWithProgressThenRenderDone)
{
    SignalProcess server(uniqueSocketPath("render"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto dir = std::filesystem::temp_directory_path() / ("lsrv-render-" + std::to_string(::getpid()));
    const auto files = makeTrackFiles(dir / "wavs", 2, 48000);
    ASSERT_EQ(files.size(), 2u);
    ASSERT_TRUE(isAck(client.request(loadTracks(files, 48000, 10.0))));

    const auto output = (dir / "mix.wav").string();
    const auto seq = client.send(renderRequest(output, 96000));
    int progressEvents = 0;
    double lastDone = -1;
    auto done = client.waitFor([&](const ipc::FrameT& f) {
        if (f.body.type == ipc::Body::Progress && f.body.AsProgress()->task == "render") {
            ++progressEvents;
            EXPECT_GE(f.body.AsProgress()->done, lastDone);
            lastDone = f.body.AsProgress()->done;
        }
        return f.reply_to == seq;
    }, 60s);
    ASSERT_TRUE(done);
    ASSERT_EQ(done->body.type, ipc::Body::RenderDone)
        << (done->body.type == ipc::Body::Error ? done->body.AsError()->message : "");
    EXPECT_EQ(done->body.AsRenderDone()->frames, 96000);
    EXPECT_EQ(done->body.AsRenderDone()->output_path, output);
    EXPECT_GT(progressEvents, 0);

    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader(
        wav.createReaderFor(new juce::FileInputStream(juce::File(output)), true));
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->lengthInSamples, 96000);
    juce::Range<float> level[2];
    reader->readMaxLevels(0, reader->lengthInSamples, level, 2);
    EXPECT_GT(level[0].getEnd(), 0.01f) << "the render is silent";
    EXPECT_TRUE(answersPing(client));
}

TEST(Render, ASecondRenderIsBusyAndCancelStopsTheFirst)
{
    SignalProcess server(uniqueSocketPath("busy"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto dir = std::filesystem::temp_directory_path() / ("lsrv-busy-" + std::to_string(::getpid()));
    const auto files = makeTrackFiles(dir / "wavs", 16, 48000);
    ASSERT_TRUE(isAck(client.request(loadTracks(files, 48000, 3600.0))));

    const auto output = (dir / "long.wav").string();
    const auto first = client.send(renderRequest(output, 48000LL * 3600));
    auto second = client.request(renderRequest((dir / "other.wav").string(), 48000));
    const auto* busy = asError(second);
    ASSERT_NE(busy, nullptr);
    EXPECT_EQ(busy->code, ipc::ErrorCode::Busy);

    EXPECT_TRUE(isAck(client.request(SignalClient::frameOf(ipc::CancelRenderT {}))));
    auto ended = client.waitFor([&](const ipc::FrameT& f) { return f.reply_to == first; }, 30s);
    ASSERT_TRUE(ended);
    EXPECT_EQ(ended->body.type, ipc::Body::Error);
    EXPECT_FALSE(std::filesystem::exists(output)) << "a cancelled render left a file";
    EXPECT_TRUE(answersPing(client));
}
