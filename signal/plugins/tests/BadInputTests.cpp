// Bad input gets a clear error and leaves the host working.
#include "Rendering.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

TEST(BadInput, UnknownPluginIsAClearError)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/bad-input-cache.json");
    ipc::PluginDescriptionT ghost;
    ghost.uid = "com.example.does-not-exist";
    ghost.format = ipc::PluginFormat::CLAP;
    std::string error;
    auto blob = processorFor(ghost);
    EXPECT_EQ(host.create(*blob->get(), sampleRate, blockSize, error), nullptr);
    EXPECT_NE(error.find("not in the catalogue"), std::string::npos) << error;
}

TEST(BadInput, GarbageStateIsRejectedAndTheInsertKeepsWorking)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/bad-input-cache.json");
    auto catalogue = host.scan({ testPluginDir() + "/clap/LoopholeNan.clap" }, false, {});
    ASSERT_EQ(catalogue.plugins.size(), 1u);

    std::string error;
    const std::vector<uint8_t> garbage { 'n', 'o', 'p', 'e', 1, 2, 3 };
    auto withGarbage = processorFor(*catalogue.plugins[0], garbage);
    EXPECT_EQ(host.create(*withGarbage->get(), sampleRate, blockSize, error), nullptr);
    EXPECT_NE(error.find("rejected its saved state"), std::string::npos) << error;

    auto blob = processorFor(*catalogue.plugins[0]);
    auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
    ASSERT_NE(insert, nullptr) << error;
    EXPECT_FALSE(insert->restoreState(garbage));
    const std::vector<uint8_t> truncated { 'L', 'P', 'C', 'P', 7, 0 };
    EXPECT_FALSE(insert->restoreState(truncated));
    const auto input = testSignal();
    EXPECT_TRUE(identical(render(*insert, input), input, 0, input.getNumSamples()));
    EXPECT_EQ(insert->status(), InsertStatus::Ok);
}

TEST(BadInput, ScanOfAMissingPathWarnsAndFindsNothing)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/bad-input-cache.json");
    const auto catalogue = host.scan({ "/no/such/plugin.clap" }, false, {});
    EXPECT_TRUE(catalogue.plugins.empty());
}
