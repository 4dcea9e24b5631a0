// Faults in a clip's audio file while the engine plays it with its real streaming thread:
// the file deleted, or truncated, under a running stream (a new file saved over its name is
// not a fault: the old audio plays on). The clip turns to silence, the
// failed reads are counted and the clip and file named (the server logs them), and the
// engine carries on. Also refused, never streamed: a path that is not a regular file, and a
// file whose header claims what no real file has.
#include "TestGraphs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <future>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;
using Kind = ipc::ChannelKind;

namespace {
constexpr float both = 0.5f; // two centre pans (track and master)
constexpr int clipFrames = 144000;

struct StreamingRig : EngineRig
{
    StreamingRig() : EngineRig(false) {} // the real streaming thread fills the clip's ring

    /// Plays `frames` in device-sized blocks, pausing between them as a device would.
    Output play(int frames)
    {
        Output all;
        for (int done = 0; done < frames; done += 256)
        {
            auto out = run(engine, 256, 256);
            all.left.insert(all.left.end(), out.left.begin(), out.left.end());
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return all;
    }
};

/// A private copy of the ramp file for a test to damage.
juce::File copyOfTestFile(const std::string& name)
{
    const juce::File original(writeTestWav("ramp-3s.wav", clipFrames));
    const auto copy = original.getSiblingFile(juce::String(name) + "-" + juce::String(::getpid()) + ".wav");
    EXPECT_TRUE(original.copyFileTo(copy));
    return copy;
}

/// Loads a graph whose one clip (id 50) plays all of `file`, and starts the transport.
::testing::AssertionResult startPlaying(StreamingRig& rig, const juce::File& file)
{
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, file.getFullPathName().toStdString(), 0, clipFrames);
    return loadAndPlay(rig.engine, b.graph);
}

/// Plays the clip, damages its file, plays on; checks silence, the count and the naming.
void expectSilenceAfter(const std::function<void(const juce::File&)>& damage, const std::string& name)
{
    const auto file = copyOfTestFile(name);
    StreamingRig rig;
    ASSERT_TRUE(startPlaying(rig, file));
    // The clip sounds before the fault (on a busy machine the first blocks may underrun).
    auto out = rig.play(24000);
    EXPECT_NE(std::find_if(out.left.begin(), out.left.end(), [](float v) { return v != 0.0f; }), out.left.end());
    EXPECT_EQ(rig.engine.contentStats().readErrors, 0u);

    damage(file);
    // What the streamer had buffered (up to ClipStream::liveCapacity frames) still plays; after
    // that the clip is silent. 100000 frames is well past both.
    out = rig.play(100000);
    const auto stats = rig.engine.contentStats();
    EXPECT_GT(stats.readErrors, 0u);
    for (size_t i = out.left.size() - 4096; i < out.left.size(); ++i)
        ASSERT_EQ(out.left[i], 0.0f) << "frame " << i << " of the damaged clip is not silent";
    ASSERT_EQ(stats.failing.size(), 1u);
    EXPECT_EQ(stats.failing[0].clip, 50u);
    EXPECT_EQ(stats.failing[0].file, file.getFullPathName().toStdString());

    // The engine carries on: a new graph without the clip loads and plays.
    GraphBuilder next;
    next.master();
    next.insert(next.channel(2, Kind::Audio), 20, "dc:1");
    ASSERT_FALSE(load(rig.engine, next.graph).has_value());
    EXPECT_NEAR(rig.play(512).left[300], 1.0f * both, 1e-6f);
    EXPECT_TRUE(rig.engine.contentStats().failing.empty()) << "only clips of the live graph are named";
    file.deleteFile();
}
} // namespace

TEST(ClipFileFaults, ADeletedFileGoesSilentAndIsCountedWhileStreaming)
{
    expectSilenceAfter([](const juce::File& file) { ASSERT_TRUE(file.deleteFile()); }, "deleted");
}

TEST(ClipFileFaults, ATruncatedFileGoesSilentAndIsCountedWhileStreaming)
{
    // Cut to its header and 1000 frames: the reader's descriptor still reads, only short.
    expectSilenceAfter([](const juce::File& file) {
        std::filesystem::resize_file(file.getFullPathName().toStdString(), 44 + 1000 * 8);
    }, "truncated");
}

TEST(ClipFileFaults, AFileSavedOverByRenameKeepsPlayingTheAudioItWasLoadedWith)
{
    // How most editors save: write a new file, rename it onto the old name. Not a fault: the
    // stream's descriptor still reads the complete old audio; the next load reads the new.
    const auto file = copyOfTestFile("saved-over");
    const auto replacement = file.getSiblingFile("replacement-" + juce::String(::getpid()) + ".wav");
    ASSERT_TRUE(file.copyFileTo(replacement));
    StreamingRig rig;
    ASSERT_TRUE(startPlaying(rig, file));
    const auto played = static_cast<int64_t>(rig.play(24000).left.size());
    ASSERT_TRUE(replacement.moveFileTo(file));
    const auto out = rig.play(100000);
    EXPECT_EQ(rig.engine.contentStats().readErrors, 0u);
    for (size_t i = out.left.size() - 4096; i < out.left.size(); ++i)
        ASSERT_FLOAT_EQ(out.left[i], sourceValue(played + static_cast<int64_t>(i)) * both) << "frame " << i;
    file.deleteFile();
}

TEST(ClipFileFaults, APathThatIsNotARegularFileIsRefusedWithoutBlocking)
{
    // Opening a FIFO for reading blocks until a writer comes: an engine that tried would hang.
    const auto fifo = std::filesystem::temp_directory_path() / ("loophole-fifo-" + std::to_string(::getpid()) + ".wav");
    std::filesystem::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EngineRig rig;
    auto& engine = rig.engine;
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, fifo.string(), 0, 48000);
    auto loading = std::async(std::launch::async, [&] { return load(engine, b.graph); });
    const bool returned = loading.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    if (!returned)
    {
        // Free the stuck engine so the test ends: a writer that opens and closes at once.
        const int writer = ::open(fifo.c_str(), O_WRONLY);
        ::close(writer);
    }
    const auto result = loading.get();
    std::filesystem::remove(fifo);
    ASSERT_TRUE(returned) << "loading a graph whose clip names a FIFO blocked the engine";
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->code, ipc::ErrorCode::IoFailure);
    EXPECT_NE(result->message.find("not a regular file"), std::string::npos) << result->message;
    EXPECT_EQ(result->field, "50");
}

TEST(ClipFileFaults, AFileWhoseHeaderClaimsImpossibleChannelsIsRefused)
{
    // The header fuzz_audio_file found: PCM, 64768 channels, 16-bit, 2-byte frames. JUCE's
    // reader opens it and would then write through wild pointers while streaming.
    const auto path = std::filesystem::temp_directory_path() / ("loophole-64768-channels-" + std::to_string(::getpid()) + ".wav");
    {
        std::vector<uint8_t> wav = { 'R', 'I', 'F', 'F', 36 + 64, 0, 0, 0, 'W', 'A', 'V', 'E',
                                     'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 0x00, 0xfd, 0x80, 0xbb, 0, 0,
                                     0x00, 0x77, 0x01, 0x00, 2, 0, 16, 0, 'd', 'a', 't', 'a', 64, 0, 0, 0 };
        wav.resize(wav.size() + 64, 0x11);
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(wav.data()), std::streamsize(wav.size()));
    }
    EngineRig rig;
    auto& engine = rig.engine;
    GraphBuilder b;
    b.master();
    b.clip(b.channel(2, Kind::Audio), 50, path.string(), 0, 48000);
    const auto result = load(engine, b.graph);
    std::filesystem::remove(path);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->code, ipc::ErrorCode::IoFailure);
    // JUCE reads the 16-bit count as signed: -768, which it keeps as 4294966528 channels.
    EXPECT_NE(result->message.find("4294966528 channels"), std::string::npos) << result->message;
    EXPECT_EQ(result->field, "50");
}
