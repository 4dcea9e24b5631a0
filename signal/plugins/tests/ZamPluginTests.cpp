// Every zam-plugins plugin, in each of VST3, LV2, CLAP (and LADSPA where zam ships it): load, process, automate a
// parameter sample-accurately, save state and restore it into a fresh instance.
#include "Rendering.h"
#include "hosting/HostedInsert.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

namespace {

struct ZamCase
{
    ipc::PluginFormat format;
    std::string path;
};

std::vector<ZamCase> zamCases()
{
    std::vector<ZamCase> cases;
    const std::pair<ipc::PluginFormat, const char*> folders[] = {
        { ipc::PluginFormat::VST3, "/usr/lib/vst3" },
        { ipc::PluginFormat::LV2, "/usr/lib/lv2" },
        { ipc::PluginFormat::CLAP, "/usr/lib/clap" },
        { ipc::PluginFormat::LADSPA, "/usr/lib/ladspa" }, // beyond the brief: the zam LADSPA builds too
    };
    for (const auto& [format, folder] : folders)
    {
        auto found = juce::File(folder).findChildFiles(juce::File::findFilesAndDirectories, false, "Za*");
        found.sort();
        for (const auto& f : found)
            cases.push_back({ format, f.getFullPathName().toStdString() });
    }
    return cases;
}

PluginHost& sharedHost()
{
    static NoBuiltIns builtIns;
    static PluginHost host(builtIns, artifactsDir() + "/zam-scan-cache.json");
    return host;
}

std::unique_ptr<InsertProcessor> load(const ipc::PluginDescriptionT& plugin, const std::vector<uint8_t>& state = {})
{
    std::string error;
    auto blob = processorFor(plugin, state);
    auto insert = sharedHost().create(*blob->get(), sampleRate, blockSize, error);
    EXPECT_NE(insert, nullptr) << error;
    if (insert != nullptr)
        insert->prepare(sampleRate, blockSize); // as the engine does before the first process()
    return insert;
}

class ZamPlugin : public testing::TestWithParam<ZamCase> {};

} // namespace

TEST_P(ZamPlugin, ProcessesAutomatesAndRestoresStateBitExactly)
{
    const auto& param = GetParam();
    auto catalogue = sharedHost().scan({ param.path }, false, {});
    ASSERT_FALSE(catalogue.plugins.empty()) << "nothing found in " << param.path;
    const auto& plugin = *catalogue.plugins.front();
    ASSERT_FALSE(plugin.blocked) << plugin.blocked_reason;
    ASSERT_EQ(plugin.format, param.format);
    std::vector<const ipc::PluginParameterInfoT*> candidates;
    for (const auto& info : plugin.parameters)
        if (info->automatable && ! juce::String(info->name).containsIgnoreCase("bypass"))
            candidates.push_back(info.get());

    const auto input = testSignal();
    {
        auto plain = load(plugin);
        ASSERT_NE(plain, nullptr);
        const auto out = render(*plain, input);
        EXPECT_TRUE(allFinite(out));
        EXPECT_EQ(plain->status(), InsertStatus::Ok);
        EXPECT_GE(plain->latencySamples(), 0);
    }

    // Find a parameter whose change is audible: the reference run "changes" it to its own
    // default at the same sample, so both runs split their blocks identically.
    constexpr int changeAt = 2 * blockSize + 300;
    bool audible = false;
    // A catalogue default can be wrong (JUCE's LADSPA defaults), so a middle value is tried too.
    std::vector<std::pair<const ipc::PluginParameterInfoT*, float>> attempts;
    for (const auto* info : candidates)
        for (float target : { info->default_value < 0.5f ? 1.0f : 0.0f, 0.5f })
            if (std::abs(target - info->default_value) > 0.1f)
                attempts.emplace_back(info, target);
    for (const auto& [info, target] : attempts)
    {
        auto reference = load(plugin);
        auto changed = load(plugin);
        ASSERT_TRUE(reference && changed);
        const auto referenceOut = render(*reference, input, { { changeAt, info->index, info->default_value } });
        const auto changedOut = render(*changed, input, { { changeAt, info->index, target } });
        if (identical(referenceOut, changedOut, 0, input.getNumSamples()))
            continue; // this change does not alter this signal; try the next

        audible = true;
        SCOPED_TRACE("parameter " + info->name);
        EXPECT_TRUE(identical(referenceOut, changedOut, 0, changeAt)) << "the change was heard before its sample";

        // State: a fresh instance restored from `changed` must sound exactly like a fresh
        // instance given the same parameter value at sample 0.
        const auto state = changed->saveState();
        ASSERT_FALSE(state.empty());
        auto restored = load(plugin, state);
        auto direct = load(plugin);
        ASSERT_TRUE(restored && direct);
        const auto restoredOut = render(*restored, input);
        const auto directOut = render(*direct, input, { { 0, info->index, target } });
        EXPECT_TRUE(identical(restoredOut, directOut, 0, input.getNumSamples())) << "restored state sounds different";
        EXPECT_FALSE(identical(restoredOut, referenceOut, 0, input.getNumSamples()));
        break;
    }
    if (! candidates.empty())
    {
        EXPECT_TRUE(audible) << "no parameter of " << plugin.name << " changed its output";
        return;
    }
    // No user parameters (ZamAutoSat): the default state must still round-trip exactly.
    auto original = load(plugin);
    ASSERT_NE(original, nullptr);
    const auto originalOut = render(*original, input);
    auto restored = load(plugin, original->saveState());
    ASSERT_NE(restored, nullptr);
    auto fresh = load(plugin);
    EXPECT_TRUE(identical(render(*restored, input), render(*fresh, input), 0, input.getNumSamples()));
    EXPECT_TRUE(allFinite(originalOut));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ZamPlugin, testing::ValuesIn(zamCases()),
                         [](const testing::TestParamInfo<ZamCase>& info) {
                             return ipc::EnumNamePluginFormat(info.param.format) + std::string("_")
                                  + juce::File(info.param.path).getFileNameWithoutExtension().upToFirstOccurrenceOf("-", false, false).toStdString();
                         });
