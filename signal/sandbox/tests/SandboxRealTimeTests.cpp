// The engine side of a sandboxed insert is real-time safe: processing blocks (with
// parameter events and MIDI), missing deadlines on a hung plugin, and running with a dead
// host make no allocation, lock, sleep or file I/O on a thread marked as the audio thread.
#include "tests/SandboxRig.h"

#include <rtcheck/RtCheck.h>

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
