// InsertContext::sidechain reaches the plugin's sidechain bus: with its sidechain switch
// on, ZamComp's output depends on what the sidechain carries; with it off, it does not.
#include "Rendering.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

class ZamCompSidechain : public testing::TestWithParam<std::string> {};

TEST_P(ZamCompSidechain, FeedsTheSidechainBus)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/sidechain-scan-cache.json");
    auto catalogue = host.scan({ GetParam() }, false, {});
    ASSERT_EQ(catalogue.plugins.size(), 1u);
    const auto& plugin = *catalogue.plugins[0];
    EXPECT_GE(plugin.sidechain_inputs, 1);

    // ZamComp listens to its sidechain only with its "Sidechain" switch on.
    const ipc::PluginParameterInfoT* sidechainSwitch = nullptr;
    const ipc::PluginParameterInfoT* threshold = nullptr;
    for (const auto& p : plugin.parameters)
    {
        if (juce::String(p->name).equalsIgnoreCase("Sidechain"))
            sidechainSwitch = p.get();
        if (juce::String(p->name).equalsIgnoreCase("Threshold"))
            threshold = p.get();
    }
    ASSERT_NE(sidechainSwitch, nullptr);
    ASSERT_NE(threshold, nullptr);

    const auto input = testSignal();
    juce::AudioBuffer<float> silence(2, input.getNumSamples()), loud(input);
    silence.clear();
    loud.applyGain(1.9f);

    auto renderKeyedBy = [&](const juce::AudioBuffer<float>& key, float switchValue) {
        std::string error;
        auto blob = processorFor(plugin);
        auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
        EXPECT_NE(insert, nullptr) << error;
        return insert ? render(*insert, input, { { 0, sidechainSwitch->index, switchValue }, { 0, threshold->index, 0.4f } }, &key) : input;
    };
    renderKeyedBy(silence, 1.0f); // the first ZamComp in a process sounds different: not compared
    const auto keyedBySilence = renderKeyedBy(silence, 1.0f);
    const auto keyedByLoud = renderKeyedBy(loud, 1.0f);
    EXPECT_TRUE(allFinite(keyedByLoud));
    const int tail = input.getNumSamples() - 2048; // after the compressor's attack
    EXPECT_GT(std::abs(keyedByLoud.getRMSLevel(0, tail, 2048) - keyedBySilence.getRMSLevel(0, tail, 2048)), 0.01f)
        << "the sidechain's content did not reach ZamComp";

    const auto internalSilence = renderKeyedBy(silence, 0.0f);
    const auto internalLoud = renderKeyedBy(loud, 0.0f);
    EXPECT_TRUE(identical(internalSilence, internalLoud, 0, input.getNumSamples()))
        << "with its sidechain switched off ZamComp should ignore the sidechain";
}

INSTANTIATE_TEST_SUITE_P(Formats, ZamCompSidechain,
                         // VST3: JUCE activates and fills bus 1 correctly, but the DPF wrapper
                         // zam-plugins 4.1 is built with reads only data->inputs[0] in
                         // PluginVst3::process (DistrhoPluginVST3.cpp) and gives the sidechain
                         // port silence; Vst3Processing passes a DPF plugin's sidechain as extra
                         // channels of bus 0. LV2: JUCE 7.0.5 leaves the lv2:isSideChain port in
                         // the main bus (findStableBusOrder); JuceInsert feeds it from the
                         // sidechain (Lv2SidechainPorts).
                         testing::Values("/usr/lib/clap/ZamComp.clap", "/usr/lib/vst3/ZamComp.vst3",
                                         "/usr/lib/lv2/ZamComp.lv2"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             return juce::File(info.param).getFileExtension().substring(1).toUpperCase().toStdString();
                         });
