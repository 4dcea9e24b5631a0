// Isolation modes decide where a plugin runs: in the engine, in the one shared sandbox, in
// its vendor's host or in a host of its own; `Default` follows the global setting. Moving a
// plugin between modes with its state keeps its sound.
#include "tests/SandboxRig.h"

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;

namespace {

pid_t hostOf(InsertProcessor& insert)
{
    auto* sandboxed = SandboxFactory::sandboxed(insert);
    return sandboxed != nullptr ? sandboxed->host()->pid() : 0;
}

} // namespace

TEST(IsolationModes, EachModePlacesPluginsInTheRightProcess)
{
    SandboxRig rig(patientOptions(), ipc::IsolationMode::InEngine);
    const auto comp = rig.scan(zamPath("LV2", "ZamCompX2"));
    const auto eq = rig.scan(zamPath("LV2", "ZamEQ2"));
    const auto stall = rig.scan(stallPluginPath()); // vendor "Loophole", not "Damien Zammit"
    ASSERT_NE(comp.vendor, stall.vendor);
    ASSERT_EQ(comp.vendor, eq.vendor);

    auto inEngine = rig.make(comp, ipc::IsolationMode::InEngine);
    auto byDefault = rig.make(comp, ipc::IsolationMode::Default);
    ASSERT_TRUE(inEngine && byDefault);
    EXPECT_EQ(hostOf(*inEngine), 0);
    EXPECT_EQ(hostOf(*byDefault), 0) << "Default follows the global mode, here in-engine";

    auto sharedA = rig.make(comp, ipc::IsolationMode::SharedSandbox);
    auto sharedB = rig.make(stall, ipc::IsolationMode::SharedSandbox);
    ASSERT_TRUE(sharedA && sharedB);
    EXPECT_NE(hostOf(*sharedA), 0);
    EXPECT_EQ(hostOf(*sharedA), hostOf(*sharedB));

    auto zamVendorA = rig.make(comp, ipc::IsolationMode::PerVendor);
    auto zamVendorB = rig.make(eq, ipc::IsolationMode::PerVendor);
    auto loopholeVendor = rig.make(stall, ipc::IsolationMode::PerVendor);
    ASSERT_TRUE(zamVendorA && zamVendorB && loopholeVendor);
    EXPECT_EQ(hostOf(*zamVendorA), hostOf(*zamVendorB));
    EXPECT_NE(hostOf(*zamVendorA), hostOf(*loopholeVendor));
    EXPECT_NE(hostOf(*zamVendorA), hostOf(*sharedA));

    auto ownA = rig.make(comp, ipc::IsolationMode::PerPlugin);
    auto ownB = rig.make(comp, ipc::IsolationMode::PerPlugin);
    ASSERT_TRUE(ownA && ownB);
    EXPECT_NE(hostOf(*ownA), hostOf(*ownB));
    EXPECT_EQ(rig.factory.runningHosts(), 5u); // shared, two vendors, two own

    rig.factory.setDefaultMode(ipc::IsolationMode::SharedSandbox);
    auto nowShared = rig.make(comp, ipc::IsolationMode::Default);
    ASSERT_NE(nowShared, nullptr);
    EXPECT_EQ(hostOf(*nowShared), hostOf(*sharedA));

    // A host lives as long as a plugin in it does.
    ownA.reset();
    EXPECT_EQ(rig.factory.runningHosts(), 4u);
}

TEST(IsolationModes, MovingAPluginBetweenModesKeepsItsStateAndSound)
{
    SandboxRig rig;
    const auto plugin = rig.scan(zamPath("VST3", "ZamCompX2"));
    const ipc::PluginParameterInfoT* parameter = nullptr;
    for (const auto& p : plugin.parameters)
        if (p->automatable && juce::String(p->name).containsIgnoreCase("makeup"))
            parameter = p.get();
    ASSERT_NE(parameter, nullptr);

    const auto input = testSignal();
    std::vector<uint8_t> state;
    {
        auto inEngine = rig.make(plugin, ipc::IsolationMode::InEngine);
        ASSERT_NE(inEngine, nullptr);
        render(*inEngine, input, { { 0, parameter->index, 0.5f } });
        state = inEngine->saveState();
    }
    // In-engine -> own host -> shared host -> in-engine, each time carrying the live state.
    std::vector<juce::AudioBuffer<float>> outputs;
    for (auto mode : { ipc::IsolationMode::InEngine, ipc::IsolationMode::PerPlugin, ipc::IsolationMode::SharedSandbox,
                       ipc::IsolationMode::InEngine })
    {
        auto insert = rig.make(plugin, mode, state);
        ASSERT_NE(insert, nullptr);
        outputs.push_back(render(*insert, input));
        state = insert->saveState();
    }
    auto plain = rig.make(plugin, ipc::IsolationMode::InEngine);
    EXPECT_FALSE(identical(outputs[0], render(*plain, input), 0, input.getNumSamples())) << "the state changed nothing";
    for (size_t i = 1; i < outputs.size(); ++i)
        EXPECT_TRUE(identical(outputs[0], outputs[i], 0, input.getNumSamples())) << "after move " << i;
}
