// The engine side of a sandboxed insert is real-time safe: processing blocks (with
// parameter events and MIDI), missing deadlines on a hung plugin, running with a dead host and
// learning of a host's death while waiting for it make no allocation, lock, sleep or file I/O
// on a thread marked as the audio thread.
#include "tests/SandboxRig.h"

#include <rtcheck/RtCheck.h>

#include <chrono>
#include <csignal>
#include <thread>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;

namespace {

std::string violationsWhileProcessing(InsertProcessor& insert, uint32_t parameter, int blocks, float value = 0.25f)
{
    juce::AudioBuffer<float> block(2, blockSize);
    juce::MidiBuffer midi;
    midi.ensureSize(4096);
    TransportInfo transport;
    transport.playing = true;
    std::vector<ParameterEvent> events(4);
    const auto input = testSignal();
    rtcheck::resetViolations();
    {
        const rtcheck::ScopedAudioThread audioThread;
        for (int b = 0; b < blocks; ++b)
        {
            for (int c = 0; c < 2; ++c)
                block.copyFrom(c, 0, input, c, (b % numBlocks) * blockSize, blockSize);
            midi.clear();
            midi.addEvent(juce::MidiMessage::noteOn(1, 60, 0.8f), 10);
            midi.addEvent(juce::MidiMessage::noteOff(1, 60), 400);
            for (int e = 0; e < 4; ++e)
                events[size_t(e)] = { e * 100, parameter, value };
            InsertContext context { block, nullptr, midi, events, transport };
            insert.process(context);
            transport.timelineSample += blockSize;
        }
    }
    return rtcheck::totalViolations() == 0 ? "" : rtcheck::describeViolations();
}

} // namespace

TEST(SandboxRealTime, ProcessingAHungAndADeadHostMakesNoViolations)
{
    if (! rtcheck::isActive())
        GTEST_SKIP() << "rtcheck cannot interpose in this build";
    SandboxOptions options;
    options.minimumDeadlineNs = 50'000'000;
    SandboxRig rig(options);

    const auto zam = rig.scan(zamPath("CLAP", "ZamCompX2"));
    auto comp = rig.make(zam, ipc::IsolationMode::PerPlugin);
    ASSERT_NE(comp, nullptr);
    const auto healthy = violationsWhileProcessing(*comp, zam.parameters.front()->index, 64);
    EXPECT_EQ(healthy, "") << "while the host answers";
    EXPECT_EQ(comp->status(), InsertStatus::Ok);

    const auto stall = rig.scan(stallPluginPath());
    auto hung = rig.make(stall, ipc::IsolationMode::PerPlugin);
    ASSERT_NE(hung, nullptr);
    EXPECT_EQ(violationsWhileProcessing(*hung, stall.parameters.front()->index, 16, 1.0f), "") << "while it hangs";
    EXPECT_EQ(hung->status(), InsertStatus::Hung);

    SandboxFactory::sandboxed(*comp)->host()->kill();
    EXPECT_EQ(violationsWhileProcessing(*comp, zam.parameters.front()->index, 16), "") << "with its host dead";
    EXPECT_EQ(comp->status(), InsertStatus::Crashed);
}

TEST(SandboxRealTime, AHostKilledWhileTheAudioThreadWaitsMakesNoViolations)
{
    if (! rtcheck::isActive())
        GTEST_SKIP() << "rtcheck cannot interpose in this build";
    SandboxOptions options;
    options.minimumDeadlineNs = 2'000'000'000;
    SandboxRig rig(options);
    const auto stall = rig.scan(stallPluginPath());
    auto hung = rig.make(stall, ipc::IsolationMode::PerPlugin);
    ASSERT_NE(hung, nullptr);
    auto* inner = SandboxFactory::sandboxed(*hung);
    const pid_t host = inner->host()->pid();
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ::kill(host, SIGKILL);
    });
    // The first block hangs in the plugin until the kill; the kernel's notice ends its wait.
    EXPECT_EQ(violationsWhileProcessing(*hung, stall.parameters.front()->index, 4, 1.0f), "");
    killer.join();
    EXPECT_TRUE(inner->hostDeathSeen());
    EXPECT_EQ(hung->status(), InsertStatus::Crashed);
}
