// The device callback path (MIDI queue -> engine.process) under rtcheck: no allocation,
// lock, wait, sleep or file I/O on the audio thread while 16 streamed tracks play and MIDI
// arrives from a device thread.
#include "control/BuiltInInsertFactory.h"
#include "devices/OfflineDeviceType.h"
#include "rtcheck/RtCheck.h"
#include "rt/EngineCallback.h"
#include "support/Playback.h"

#include <gtest/gtest.h>

#include <thread>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

TEST(AudioCallback, IsRealTimeSafeWhilePlayingWithMidiInput)
{
    if (! loophole::rtcheck::isActive())
        GTEST_SKIP() << "rtcheck cannot interpose in this build";

    BuiltInInsertFactory inserts;
    Engine engine(inserts);
    std::recursive_mutex controlLock;
    EngineCallback callback(engine, controlLock);

    OfflineDeviceType type;
    std::unique_ptr<juce::AudioIODevice> device(type.createDevice({}, {}));
    ASSERT_TRUE(device->open({}, 3, 48000.0, 256).isEmpty());
    callback.audioDeviceAboutToStart(device.get());

    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsrv-rt-wavs", 16, 48000);
    ASSERT_EQ(files.size(), 16u);
    auto load = loadTracks(files, 48000, 60.0);
    flatbuffers::FlatBufferBuilder graph;
    graph.Finish(ipc::GraphSnapshot::Pack(graph, load.body.AsLoadGraph()->snapshot.get()));
    ASSERT_FALSE(engine.loadGraph(*flatbuffers::GetRoot<ipc::GraphSnapshot>(graph.GetBufferPointer())));

    flatbuffers::FlatBufferBuilder play;
    play.Finish(ipc::CreateTransportCommand(play, ipc::TransportAction::Play, 0));
    ASSERT_FALSE(engine.transport(*flatbuffers::GetRoot<ipc::TransportCommand>(play.GetBufferPointer())));

    juce::AudioBuffer<float> out(2, 256);
    const juce::AudioIODeviceCallbackContext context {};
    auto block = [&] {
        callback.audioDeviceIOCallbackWithContext(nullptr, 0, out.getArrayOfWritePointers(), 2, 256, context);
    };
    // Let the streamer fill its buffers and the new plan land before counting.
    for (int i = 0; i < 200; ++i) {
        block();
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }

    std::atomic<bool> sending { true };
    std::thread midiDevice([&] {
        for (int note = 0; sending; note = (note + 1) % 128) {
            callback.midiInput().push(juce::MidiMessage::noteOn(1, note, 0.8f));
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });

    float loudest = 0.0f;
    loophole::rtcheck::resetViolations();
    for (int i = 0; i < 2000; ++i) {
        {
            loophole::rtcheck::ScopedAudioThread audioThread;
            block();
        }
        loudest = std::max(loudest, out.getMagnitude(0, 256));
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    const auto violations = loophole::rtcheck::totalViolations();
    const auto described = loophole::rtcheck::describeViolations();
    sending = false;
    midiDevice.join();

    EXPECT_EQ(violations, 0u) << described;
    EXPECT_GT(loudest, 0.01f) << "nothing played, so nothing was checked";
    EXPECT_EQ(callback.engineSample(), int64_t(2200 * 256));
}
