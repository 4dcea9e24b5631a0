// A real zam plugin run sandboxed sounds exactly like the same plugin run in the engine:
// same input, same sample-accurate parameter changes, output compared bit for bit. Both
// sides run the same plugin binary through the same PluginHost code on the same CPU, with
// FTZ/DAZ set the same way, so there is no reason for even a 1-ulp difference.
#include "tests/SandboxRig.h"

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;

namespace {

class SandboxedZam : public testing::TestWithParam<const char*> {};

/// Parameter changes that make ZamCompX2 work hard, mid-block: makeup gain up, threshold
/// down, ratio up (found by name: each format numbers its parameters its own way).
std::vector<TimedChange> automationFor(const ipc::PluginDescriptionT& plugin)
{
    std::vector<TimedChange> changes;
    int at = blockSize + 77;
    for (const auto& [name, value] : { std::pair { "makeup", 0.5f }, { "threshold", 0.2f }, { "ratio", 0.8f } })
        for (const auto& p : plugin.parameters)
            if (p->automatable && juce::String(p->name).containsIgnoreCase(name))
            {
                changes.push_back({ at, p->index, value });
                at += blockSize + 131;
                break;
            }
    return changes;
}

} // namespace

TEST_P(SandboxedZam, OutputIsBitIdenticalToInEngine)
{
    SandboxRig rig;
    const auto plugin = rig.scan(zamPath(GetParam(), "ZamCompX2"));
    ASSERT_FALSE(plugin.uid.empty());
    const auto changes = automationFor(plugin);
    ASSERT_EQ(changes.size(), 3u) << "ZamCompX2 should name makeup, threshold and ratio parameters";

    auto inEngine = rig.make(plugin, ipc::IsolationMode::InEngine);
    auto sandboxed = rig.make(plugin, ipc::IsolationMode::SharedSandbox);
    ASSERT_TRUE(inEngine && sandboxed);
    ASSERT_EQ(SandboxFactory::sandboxed(*inEngine), nullptr);
    ASSERT_NE(SandboxFactory::sandboxed(*sandboxed), nullptr);
    EXPECT_EQ(sandboxed->numParameters(), inEngine->numParameters());
    EXPECT_EQ(sandboxed->latencySamples(), inEngine->latencySamples());

    const auto input = testSignal();
    const auto expected = render(*inEngine, input, changes);
    const auto actual = render(*sandboxed, input, changes);
    EXPECT_EQ(SandboxFactory::sandboxed(*sandboxed)->missedBlocks(), 0u);
    EXPECT_EQ(sandboxed->status(), InsertStatus::Ok);
    EXPECT_FALSE(identical(expected, input, 0, input.getNumSamples())) << "the plugin did nothing to the signal";
    EXPECT_TRUE(identical(expected, actual, 0, input.getNumSamples())) << "sandboxed output differs from in-engine";

    // State crosses the control channel both ways: the sandboxed plugin's state, restored
    // into a fresh in-engine instance, sounds like it.
    const auto state = sandboxed->saveState();
    ASSERT_FALSE(state.empty());
    auto restoredInEngine = rig.make(plugin, ipc::IsolationMode::InEngine, state);
    auto restoredSandboxed = rig.make(plugin, ipc::IsolationMode::PerPlugin, state);
    ASSERT_TRUE(restoredInEngine && restoredSandboxed);
    EXPECT_TRUE(identical(render(*restoredInEngine, input), render(*restoredSandboxed, input), 0, input.getNumSamples()));
}

INSTANTIATE_TEST_SUITE_P(ZamCompX2, SandboxedZam, testing::Values("VST3", "LV2", "CLAP"),
                         [](const testing::TestParamInfo<const char*>& info) { return std::string(info.param); });
