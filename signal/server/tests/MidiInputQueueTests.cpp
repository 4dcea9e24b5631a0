#include "rt/MidiInputQueue.h"

#include <gtest/gtest.h>

using namespace loophole::signal;

TEST(MidiInputQueue, DeliversEventsInOrderAtTheBlockStart)
{
    MidiInputQueue queue;
    queue.push(juce::MidiMessage::noteOn(1, 60, 0.5f));
    queue.push(juce::MidiMessage::noteOff(1, 60));
    queue.push(juce::MidiMessage::controllerEvent(2, 7, 100));

    juce::MidiBuffer block;
    queue.drainInto(block);
    std::vector<juce::MidiMessage> got;
    for (const auto event : block) {
        EXPECT_EQ(event.samplePosition, 0);
        got.push_back(event.getMessage());
    }
    ASSERT_EQ(got.size(), 3u);
    EXPECT_TRUE(got[0].isNoteOn());
    EXPECT_TRUE(got[1].isNoteOff());
    EXPECT_TRUE(got[2].isController());

    juce::MidiBuffer next;
    queue.drainInto(next);
    EXPECT_TRUE(next.isEmpty());
}

TEST(MidiInputQueue, DropsWhatDoesNotFitInsteadOfGrowing)
{
    MidiInputQueue queue;
    for (int i = 0; i < MidiInputQueue::kCapacity + 100; ++i)
        queue.push(juce::MidiMessage::noteOn(1, i % 128, 0.5f));
    juce::MidiBuffer block;
    queue.drainInto(block);
    EXPECT_EQ(block.getNumEvents(), MidiInputQueue::kCapacity - 1); // AbstractFifo keeps one slot free
}

TEST(MidiInputQueue, IgnoresSysEx)
{
    MidiInputQueue queue;
    const uint8_t data[] = { 0x7e, 0x01, 0x02 };
    queue.push(juce::MidiMessage::createSysExMessage(data, 3));
    juce::MidiBuffer block;
    queue.drainInto(block);
    EXPECT_TRUE(block.isEmpty());
}
