// The audio-thread path of hosted inserts makes no allocation, lock, sleep or file I/O:
// processing runs on a thread marked as an audio thread, with rtcheck counting.
#include "Rendering.h"

#include <rtcheck/RtCheck.h>

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

namespace {

/// Processes blocks with parameter changes, MIDI and a sidechain, as the engine would.
std::string violationsWhileProcessing(InsertProcessor& insert, uint32_t parameter)
{
    const auto input = testSignal();
    juce::AudioBuffer<float> block(2, blockSize), sidechain(2, blockSize);
    juce::MidiBuffer midi;
    midi.ensureSize(4096);
    TransportInfo transport;
    transport.playing = true;
    std::vector<ParameterEvent> events(4);
    block.copyFrom(0, 0, input, 0, 0, blockSize);
    { // the first block starts processing (allowed to set up); measure from the second
        InsertContext context { block, &sidechain, midi, {}, transport };
        insert.process(context);
    }
    rtcheck::resetViolations();
    {
        const rtcheck::ScopedAudioThread audioThread;
        for (int b = 1; b < numBlocks; ++b)
        {
            for (int c = 0; c < 2; ++c)
                block.copyFrom(c, 0, input, c, b * blockSize, blockSize);
            sidechain.makeCopyOf(block, true);
            midi.clear();
            midi.addEvent(juce::MidiMessage::noteOn(1, 60, 0.8f), 10);
            midi.addEvent(juce::MidiMessage::noteOff(1, 60), 400);
            for (int e = 0; e < 4; ++e)
                events[static_cast<size_t>(e)] = { e * 100, parameter, static_cast<float>(e) / 4.0f };
            InsertContext context { block, &sidechain, midi, events, transport };
            insert.process(context);
            transport.timelineSample += blockSize;
        }
    }
    return rtcheck::totalViolations() == 0 ? "" : rtcheck::describeViolations();
}

std::unique_ptr<InsertProcessor> loadFirst(PluginHost& host, const std::string& path, uint32_t& automatable)
{
    auto catalogue = host.scan({ path }, false, {});
    EXPECT_FALSE(catalogue.plugins.empty());
    if (catalogue.plugins.empty())
        return nullptr;
    for (const auto& p : catalogue.plugins[0]->parameters)
        if (p->automatable)
        {
            automatable = p->index;
            break;
        }
    std::string error;
    auto blob = processorFor(*catalogue.plugins[0]);
    auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
    EXPECT_NE(insert, nullptr) << error;
    return insert;
}

class HostedInsertRealTime : public testing::TestWithParam<std::string> {};

} // namespace

TEST_P(HostedInsertRealTime, ProcessMakesNoRealTimeViolations)
{
    if (! rtcheck::isActive())
        GTEST_SKIP() << "rtcheck cannot interpose in this build";
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/rt-scan-cache.json");
    const auto path = GetParam().front() == '/' ? GetParam() : testPluginDir() + "/" + GetParam();
    uint32_t parameter = 0;
    auto insert = loadFirst(host, path, parameter);
    ASSERT_NE(insert, nullptr);
    EXPECT_EQ(violationsWhileProcessing(*insert, parameter), "");
}

INSTANTIATE_TEST_SUITE_P(Inserts, HostedInsertRealTime,
                         // VST3 goes through Vst3Processing: JUCE 7.0.5's own VST3 processBlock
                         // locks (its MIDI event lists' CriticalSection on every block, and
                         // MessageManager::isThisTheMessageThread's mutex in VST3Parameter::setValue).
                         testing::Values("clap/LoopholeNan.clap", "/usr/lib/clap/ZamComp.clap",
                                         "/usr/lib/lv2/ZamComp.lv2", "/usr/lib/vst3/ZamComp.vst3"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             const juce::File f(info.param);
                             return (f.getFileExtension().substring(1).toUpperCase() + "_" + f.getFileNameWithoutExtension()).toStdString();
                         });
