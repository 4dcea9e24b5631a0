// MIDI and the transport reach a CLAP instrument at the right samples (the test plugin
// makes each note-on an impulse of its velocity, and writes the tempo on its right channel).
#include "Rendering.h"

#include <gtest/gtest.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

TEST(ClapEvents, NotesAndTempoArriveSampleAccurately)
{
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/note-echo-cache.json");
    auto catalogue = host.scan({ testPluginDir() + "/clap/LoopholeNoteEcho.clap" }, false, {});
    ASSERT_EQ(catalogue.plugins.size(), 1u);
    EXPECT_TRUE(catalogue.plugins[0]->is_instrument);
    std::string error;
    auto blob = processorFor(*catalogue.plugins[0]);
    auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
    ASSERT_NE(insert, nullptr) << error;

    juce::AudioBuffer<float> block(2, blockSize);
    block.clear();
    juce::MidiBuffer midi;
    midi.addEvent(juce::MidiMessage::noteOn(1, 60, static_cast<juce::uint8>(127)), 37);
    midi.addEvent(juce::MidiMessage::noteOff(1, 60), 200);
    midi.addEvent(juce::MidiMessage::noteOn(2, 64, static_cast<juce::uint8>(64)), 301);
    TransportInfo transport;
    transport.bpm = 93.0;
    transport.playing = true;
    // A parameter-free insert still gets split blocks when events arrive; none here.
    InsertContext context { block, nullptr, midi, {}, transport };
    insert->process(context);

    for (int i = 0; i < blockSize; ++i)
    {
        const float expected = i == 37 ? 1.0f : i == 301 ? 64.0f / 127.0f : 0.0f;
        ASSERT_FLOAT_EQ(block.getSample(0, i), expected) << "at sample " << i;
        ASSERT_FLOAT_EQ(block.getSample(1, i), 0.093f) << "at sample " << i;
    }
}
