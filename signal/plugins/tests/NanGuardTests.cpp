// A hosted insert (a real CLAP plugin built by this project) that emits NaN is muted for
// that block and flagged BadOutput until it is reloaded.
#include "Rendering.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

TEST(BadOutput, NanIsMutedAndFlaggedUntilReload)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/nan-test-cache.json");
    auto catalogue = host.scan({ testPluginDir() + "/clap/LoopholeNan.clap" }, false, {});
    ASSERT_EQ(catalogue.plugins.size(), 1u);
    std::string error;
    auto blob = processorFor(*catalogue.plugins[0]);
    auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
    ASSERT_NE(insert, nullptr) << error;

    const auto input = testSignal();
    juce::AudioBuffer<float> one(2, blockSize);
    auto runBlock = [&](std::vector<ParameterEvent> events) {
        for (int c = 0; c < 2; ++c)
            one.copyFrom(c, 0, input, c, 0, blockSize);
        juce::MidiBuffer midi;
        TransportInfo transport;
        InsertContext context { one, nullptr, midi, events, transport };
        insert->process(context);
    };

    runBlock({});
    EXPECT_EQ(insert->status(), InsertStatus::Ok);
    EXPECT_TRUE(identical(one, [&] { juce::AudioBuffer<float> b(2, blockSize); for (int c = 0; c < 2; ++c) b.copyFrom(c, 0, input, c, 0, blockSize); return b; }(), 0, blockSize));

    runBlock({ { 100, 0, 1.0f } }); // poison on
    EXPECT_EQ(insert->status(), InsertStatus::BadOutput);
    EXPECT_EQ(one.getMagnitude(0, blockSize), 0.0f);
    EXPECT_TRUE(allFinite(one));

    runBlock({ { 0, 0, 0.0f } }); // poison off: audio flows again, the fault stays
    EXPECT_GT(one.getMagnitude(0, blockSize), 0.1f);
    EXPECT_EQ(insert->status(), InsertStatus::BadOutput);

    ASSERT_TRUE(host.reload(1, *insert, error)) << error;
    EXPECT_EQ(insert->status(), InsertStatus::Ok);
    runBlock({});
    EXPECT_EQ(insert->status(), InsertStatus::Ok);
}
