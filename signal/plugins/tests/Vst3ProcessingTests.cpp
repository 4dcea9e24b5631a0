// VST3 plugins are processed by our own IAudioProcessor::process call (Vst3Processing), so
// the two ways a value reaches a VST3 parameter besides engine automation are checked here:
// a control moved in the plugin's editor (JUCE reports it as setValueNotifyingHost) must
// reach the audio thread, and engine automation must reach the edit controller.
#include "Rendering.h"
#include "juceformats/JuceInsert.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

namespace {

struct LoadedZamComp
{
    NoBuiltIns builtIns;
    PluginHost host { builtIns, artifactsDir() + "/vst3-processing-scan-cache.json" };
    ipc::PluginCatalogueT catalogue = host.scan({ "/usr/lib/vst3/ZamComp.vst3" }, false, {});

    const ipc::PluginParameterInfoT* parameter(const char* name) const
    {
        for (const auto& p : catalogue.plugins.at(0)->parameters)
            if (juce::String(p->name).equalsIgnoreCase(name))
                return p.get();
        return nullptr;
    }

    std::unique_ptr<InsertProcessor> load()
    {
        std::string error;
        auto blob = processorFor(*catalogue.plugins.at(0));
        auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
        EXPECT_NE(insert, nullptr) << error;
        return insert;
    }
};

} // namespace

TEST(Vst3Processing, EditorEditsReachTheAudioThread)
{
    LoadedZamComp zam;
    ASSERT_EQ(zam.catalogue.plugins.size(), 1u);
    const auto* threshold = zam.parameter("Threshold");
    ASSERT_NE(threshold, nullptr);
    const auto input = testSignal();

    auto edited = zam.load();
    auto automated = zam.load();
    auto untouched = zam.load();
    ASSERT_TRUE(edited && automated && untouched);
    auto* juceInsert = dynamic_cast<juceformats::JuceInsert*>(edited.get());
    ASSERT_NE(juceInsert, nullptr);
    // What JUCE's VST3 host does when the editor calls IComponentHandler::performEdit.
    juceInsert->instance().getParameters()[static_cast<int>(threshold->index)]->setValueNotifyingHost(0.3f);

    const auto editedOut = render(*edited, input);
    const auto automatedOut = render(*automated, input, { { 0, threshold->index, 0.3f } });
    EXPECT_TRUE(identical(editedOut, automatedOut, 0, input.getNumSamples()));
    EXPECT_FALSE(identical(editedOut, render(*untouched, input), 0, input.getNumSamples()));
}

TEST(Vst3Processing, AutomationReachesTheEditController)
{
    LoadedZamComp zam;
    ASSERT_EQ(zam.catalogue.plugins.size(), 1u);
    const auto* threshold = zam.parameter("Threshold");
    ASSERT_NE(threshold, nullptr);
    auto insert = zam.load();
    ASSERT_NE(insert, nullptr);
    render(*insert, testSignal(), { { 700, threshold->index, 0.25f } });

    // The edit controller learns it on the message thread (a timer, or before a state save).
    insert->saveState();
    auto& instance = dynamic_cast<juceformats::JuceInsert&>(*insert).instance();
    EXPECT_FLOAT_EQ(instance.getParameters()[static_cast<int>(threshold->index)]->getValue(), 0.25f);
}
